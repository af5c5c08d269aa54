/*
 * linreg_normal.c — Week 2, Coding Checkpoint #1 part 1: linear regression by the normal
 * equations (method 1 of 3).
 * Watch: MIT 18.06 Lecture 16 (projection matrices and least squares).
 *
 * X is n×d: n samples (rows), d features (columns; add a column of 1s yourself, in the data,
 * if you want an intercept). y has n entries. Find the w (d entries) that minimizes
 * ‖Xw − y‖² — the w that scikit-learn's LinearRegression(fit_intercept=False) finds.
 * At the minimum the residual y − Xw is perpendicular to every feature, Xᵀ(y − Xw) = 0, i.e.
 *     XᵀX w = Xᵀy        (the normal equations: a d×d system)
 * Form G = XᵀX (d×d) and c = Xᵀy (d entries), then solve Gw = c here, in this file: by
 * elimination as in gauss_solve, or by Cholesky (G is symmetric positive definite). Don't
 * form an inverse.
 *
 * Return 0, or -1 when XᵀX is singular: a feature is (numerically) a combination of the
 * others, a feature is always 0, or there are more features than samples. Call a pivot dⱼ
 * zero when dⱼ ≤ 1000·n·ε·gⱼⱼ (gⱼⱼ the matching diagonal entry of XᵀX — with row exchanges,
 * the largest diagonal entry will do; ε = DBL_EPSILON from <float.h>): relative, because
 * features come in every unit, and with a margin, because rounding leaves a few ε instead
 * of an exact 0.
 *
 * Accuracy: forming XᵀX squares the condition number, κ(XᵀX) = κ(X)², so expect to lose
 * about twice as many digits as QR (linreg_qr); the grader's tolerances scale with κ².
 * Don't modify X or y (malloc and free are fine). Check it: la4ai check linreg_normal
 */
#include "la4ai.h"

int linreg_normal(const Matrix *X, const double *y, double *w)
{
    (void)X;
    (void)y;
    (void)w;
    /* TODO: solve XᵀX w = Xᵀy */
    return -1;
}
