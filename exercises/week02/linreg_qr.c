/*
 * linreg_qr.c — Week 2, Coding Checkpoint #1 part 1: linear regression through QR
 * (method 2 of 3).
 * Watch: MIT 18.06 Lecture 16 (projection matrices and least squares); QR comes from
 * Lecture 17 and your gram_schmidt exercise.
 *
 * X is n×d (n samples, d features), y has n entries; find the w (d entries) that minimizes
 * ‖Xw − y‖², like linreg_normal — but without forming XᵀX:
 *     X = QR   (Q n×d with orthonormal columns, R d×d upper triangular)
 *     Rw = Qᵀy, solved by back substitution from the last row up.
 * (Why it works: XᵀXw = Xᵀy becomes RᵀQᵀQRw = RᵀQᵀy, and QᵀQ = I, Rᵀ invertible.)
 *
 * You may call your gram_schmidt() from the gram_schmidt exercise (it is linked in): make
 * Q = mat_new(n, d) and R = mat_new(d, d), call gram_schmidt(X, Q, R), and mat_free them
 * when done. Compute Qᵀy the modified way — v ← y; for k = 0…d−1: zₖ = qₖ·v, v ← v − zₖqₖ —
 * rather than zₖ = qₖ·y from the original y. On ill-conditioned X (the grader goes up to
 * κ = 10⁹) that keeps w accurate to about κ·ε, where the other way (like the normal
 * equations) loses about κ²·ε.
 *
 * Return 0, or -1 if X is rank-deficient: when gram_schmidt returns -1 (a feature depends on
 * the others), or when n < d (more features than samples; gram_schmidt needs n ≥ d).
 * Don't modify X or y. Check it: la4ai check linreg_qr (pass gram_schmidt first)
 */
#include "la4ai.h"

int linreg_qr(const Matrix *X, const double *y, double *w)
{
    (void)X;
    (void)y;
    (void)w;
    /* TODO: X = QR, then solve Rw = Qᵀy */
    return -1;
}
