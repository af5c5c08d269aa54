/*
 * reference.c — linreg_qr (week 2, Coding Checkpoint #1 part 1): the reference solution.
 *
 * Least squares through X = QR (X n×d, Q n×d with orthonormal columns, R d×d upper
 * triangular): ‖Xw − y‖ is smallest when Rw = Qᵀy, solved by back substitution. The QR comes
 * from gram_schmidt() — the one written in the gram_schmidt exercise, linked in with this
 * file — which returns -1 when a feature depends on the others; more features than samples
 * (n < d) can never be independent. Qᵀy is computed the modified Gram–Schmidt way, removing
 * each component from the updated vector, which keeps the accuracy at about κ(X)·ε (forming
 * XᵀX, as the normal equations do, costs κ(X)²·ε).
 *
 * Legend: n samples, d features; z = Qᵀy (d).
 */
#include <stdlib.h>

#include "la4ai.h"

int linreg_qr(const Matrix *X, const double *y, double *w)
{
    int n = X->rows, d = X->cols;
    if (n < d)
        return -1; // more features than samples: the columns of X are dependent
    Matrix *Q = mat_new(n, d), *R = mat_new(d, d);
    double *v = malloc(sizeof(double) * (size_t)(n > 0 ? n : 1));
    int rc = -1;
    if (!Q || !R || !v)
        goto done;
    if (gram_schmidt(X, Q, R) != 0)
        goto done; // X is rank-deficient
    // w ← z = Qᵀy, taking each component from what is left of y (v)
    for (int i = 0; i < n; i++)
        v[i] = y[i];
    for (int k = 0; k < d; k++) {
        double zk = 0.0;
        for (int i = 0; i < n; i++)
            zk += MAT(Q, i, k) * v[i];
        for (int i = 0; i < n; i++)
            v[i] -= zk * MAT(Q, i, k);
        w[k] = zk;
    }
    // back substitution: R w = z, from the last row up
    for (int k = d - 1; k >= 0; k--) {
        for (int j = k + 1; j < d; j++)
            w[k] -= MAT(R, k, j) * w[j];
        w[k] /= MAT(R, k, k);
    }
    rc = 0;
done:
    mat_free(Q);
    mat_free(R);
    free(v);
    return rc;
}
