/*
 * linreg_gd.c — Week 2, Coding Checkpoint #1 part 1: linear regression by gradient descent
 * (method 3 of 3).
 * Watch: MIT 18.06 Lecture 16 (least squares); gradient descent returns in week 5.
 *
 * X is n×d (n samples, d features), y has n entries, w receives d weights. Minimize the mean
 * squared error L(w) = ‖Xw − y‖²/(2n), whose gradient is ∇L(w) = Xᵀ(Xw − y)/n, by exactly
 * this recurrence:
 *     w ← 0                                   (set it yourself: w arrives holding garbage)
 *     repeat `epochs` times:  w ← w − lr · Xᵀ(Xw − y)/n
 * Full batch: every step uses all n samples and the gradient at the current w (compute the
 * whole gradient first, then update w). After one step w = lr·Xᵀy/n.
 *
 * Return 0, or -1 as soon as a weight stops being finite (isfinite() from <math.h>): the step
 * is too large — the iteration converges only when lr < 2/λmax(XᵀX/n), and beyond that it
 * grows until it overflows. Never return 0 with inf or NaN in w.
 *
 * Compare with linreg_normal and linreg_qr: many cheap steps instead of one solve, and the
 * road to everything that trains by gradients (weeks 5–6). Don't modify X or y (malloc and
 * free are fine). Check it: la4ai check linreg_gd
 */
#include "la4ai.h"

int linreg_gd(const Matrix *X, const double *y, double *w, double lr, int epochs)
{
    (void)X;
    (void)y;
    (void)w;
    (void)lr;
    (void)epochs;
    /* TODO: start from w = 0 and take `epochs` gradient steps */
    return -1;
}
