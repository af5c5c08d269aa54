/*
 * reference.c — linreg_normal (week 2, Coding Checkpoint #1 part 1): the reference solution.
 *
 * Least squares by the normal equations: the w that minimizes ‖Xw − y‖ solves
 *   XᵀX w = Xᵀy          (X n×d: n samples, d features; XᵀX d×d; Xᵀy d)
 * XᵀX is symmetric positive definite when the features are independent, so we factor it by
 * Cholesky, XᵀX = LLᵀ, and solve two triangular systems. XᵀX counts as singular when a
 * pivot dⱼ is at most 1000·n·ε·gⱼⱼ (feature j is numerically a combination of the others;
 * with more features than samples that always happens). Forming XᵀX squares the condition
 * number — κ(XᵀX) = κ(X)² — which is why this method loses about twice the digits of QR.
 *
 * Legend: n samples (rows of X), d features (columns); G = XᵀX, c = Xᵀy.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "la4ai.h"

int linreg_normal(const Matrix *X, const double *y, double *w)
{
    int n = X->rows, d = X->cols;
    double *G = malloc(sizeof(double) * (size_t)(d * d > 0 ? d * d : 1));
    if (!G)
        return -1;
    // G = XᵀX (d×d, symmetric), w ← c = Xᵀy
    for (int i = 0; i < d; i++) {
        for (int j = 0; j <= i; j++) {
            double acc = 0.0;
            for (int k = 0; k < n; k++)
                acc += MAT(X, k, i) * MAT(X, k, j);
            G[i * d + j] = G[j * d + i] = acc;
        }
        double acc = 0.0;
        for (int k = 0; k < n; k++)
            acc += MAT(X, k, i) * y[k];
        w[i] = acc;
    }
    // Cholesky in place: the lower triangle of G ← L, G = LLᵀ
    for (int j = 0; j < d; j++) {
        double piv = G[j * d + j];
        for (int k = 0; k < j; k++)
            piv -= G[j * d + k] * G[j * d + k];
        if (!(piv > 1000.0 * n * DBL_EPSILON * G[j * d + j])) { // dependent feature
            free(G);
            return -1;
        }
        double ljj = sqrt(piv);
        G[j * d + j] = ljj;
        for (int i = j + 1; i < d; i++) {
            double acc = G[i * d + j];
            for (int k = 0; k < j; k++)
                acc -= G[i * d + k] * G[j * d + k];
            G[i * d + j] = acc / ljj;
        }
    }
    // L z = c (forward), then Lᵀ w = z (backward), both in w
    for (int i = 0; i < d; i++) {
        for (int k = 0; k < i; k++)
            w[i] -= G[i * d + k] * w[k];
        w[i] /= G[i * d + i];
    }
    for (int i = d - 1; i >= 0; i--) {
        for (int k = i + 1; k < d; k++)
            w[i] -= G[k * d + i] * w[k];
        w[i] /= G[i * d + i];
    }
    free(G);
    return 0;
}
