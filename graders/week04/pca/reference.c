/*
 * reference.c — pca (week 4, 18.065 Lecture 7): the reference solution.
 *
 * X is n×d, one sample per row, one feature per column.
 *   standardize: each column minus its mean, divided by its sample standard deviation
 *     (n − 1 in the denominator, as pandas and R do). A constant column has std 0; it keeps
 *     std = 1 so that its Z column is 0 rather than 0/0. "Constant" is tested directly (every
 *     entry equal to the first): the computed std of ten copies of 0.1 is about 1e-17, not 0.
 *   pca_fit: centre the columns; the covariance C = XcᵀXc/(n − 1) (d×d, symmetric) has
 *     orthonormal eigenvectors — the principal directions — and eigenvalues λ, the variances
 *     along them. Cyclic Jacobi rotations diagonalize C: each rotation zeroes one off-diagonal
 *     pair (p, q), and sweeping over all pairs until nothing is left converges quickly. The k
 *     eigenvectors of largest λ are the components (rows); ratio[i] = λᵢ/trace C, the share
 *     of the total variance along component i (= σᵢ²/Σσ² for the singular values of Xc).
 *   pca_transform: scores T = Xc·componentsᵀ (n×k), the coordinates along the components.
 *   pca_reconstruct: Xhat = T·components + mean — the best rank-k approximation of Xc, put
 *     back at the mean (Eckart–Young: ‖Xc − Xhat + mean‖² is the sum of the left-out σᵢ²).
 * pca_fit returns -1 if k is not in 1…d, n < 2, or the data has no variance at all (every
 * row the same — tested directly, since rounding leaves the computed variance near 1e-33).
 *
 * Legend: n samples, d features, k components; C d×d covariance; E d×d eigenvectors as
 * columns.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "la4ai.h"

void standardize(const Matrix *X, Matrix *Z, double *mean, double *std)
{
    int n = X->rows, d = X->cols;
    for (int j = 0; j < d; j++) {
        double sum = 0.0, ss = 0.0;
        int constant = 1;
        for (int i = 0; i < n; i++) {
            sum += MAT(X, i, j);
            constant &= MAT(X, i, j) == MAT(X, 0, j);
        }
        mean[j] = sum / n;
        for (int i = 0; i < n; i++) // two passes: Σ(x − mean)², never Σx² − n·mean²
            ss += (MAT(X, i, j) - mean[j]) * (MAT(X, i, j) - mean[j]);
        std[j] = constant || n < 2 ? 1.0 : sqrt(ss / (n - 1));
        for (int i = 0; i < n; i++)
            MAT(Z, i, j) = (MAT(X, i, j) - mean[j]) / std[j];
    }
}

/* Eigen-decomposition of the symmetric C (d×d, destroyed) by cyclic Jacobi: on return the
   diagonal of C holds the eigenvalues and column j of E the eigenvector of C(j,j). */
static void jacobi_eigen(Matrix *C, Matrix *E)
{
    int d = C->rows;
    for (int i = 0; i < d; i++)
        for (int j = 0; j < d; j++)
            MAT(E, i, j) = i == j ? 1.0 : 0.0;
    for (int sweep = 0; sweep < 100; sweep++) {
        double off = 0.0, diag = 0.0;
        for (int p = 0; p < d; p++) {
            diag += MAT(C, p, p) * MAT(C, p, p);
            for (int q = p + 1; q < d; q++)
                off += MAT(C, p, q) * MAT(C, p, q);
        }
        if (off <= DBL_EPSILON * DBL_EPSILON * diag)
            break; // what is left off the diagonal is rounding noise
        for (int p = 0; p < d - 1; p++)
            for (int q = p + 1; q < d; q++) {
                double g = MAT(C, p, q);
                if (g == 0.0)
                    continue;
                // the rotation of columns (and rows) p, q that makes C(p,q) zero
                double zeta = (MAT(C, q, q) - MAT(C, p, p)) / (2.0 * g);
                double t = (zeta >= 0 ? 1.0 : -1.0) / (fabs(zeta) + sqrt(1.0 + zeta * zeta));
                double c = 1.0 / sqrt(1.0 + t * t), s = c * t;
                for (int r = 0; r < d; r++) { // C ← C·J
                    double cp = MAT(C, r, p), cq = MAT(C, r, q);
                    MAT(C, r, p) = c * cp - s * cq;
                    MAT(C, r, q) = s * cp + c * cq;
                }
                for (int r = 0; r < d; r++) { // C ← Jᵀ·C
                    double cp = MAT(C, p, r), cq = MAT(C, q, r);
                    MAT(C, p, r) = c * cp - s * cq;
                    MAT(C, q, r) = s * cp + c * cq;
                }
                for (int r = 0; r < d; r++) { // E ← E·J
                    double ep = MAT(E, r, p), eq = MAT(E, r, q);
                    MAT(E, r, p) = c * ep - s * eq;
                    MAT(E, r, q) = s * ep + c * eq;
                }
            }
    }
}

int pca_fit(const Matrix *X, int k, double *mean, Matrix *components, double *ratio)
{
    int n = X->rows, d = X->cols;
    if (k < 1 || k > d || n < 2)
        return -1;
    int same = 1; // every sample the same point: no direction has any variance
    for (int i = 1; i < n && same; i++)
        for (int j = 0; j < d; j++)
            same &= MAT(X, i, j) == MAT(X, 0, j);
    if (same)
        return -1;
    Matrix *C = mat_new(d, d), *E = mat_new(d, d);
    int *order = malloc(sizeof(int) * (size_t)d);
    int rc = -1;
    if (!C || !E || !order)
        goto done;

    // mean of each column, then the covariance of the centred data: C = XcᵀXc/(n − 1)
    for (int j = 0; j < d; j++) {
        double sum = 0.0;
        for (int i = 0; i < n; i++)
            sum += MAT(X, i, j);
        mean[j] = sum / n;
    }
    for (int a = 0; a < d; a++)
        for (int b = a; b < d; b++) {
            double acc = 0.0;
            for (int i = 0; i < n; i++)
                acc += (MAT(X, i, a) - mean[a]) * (MAT(X, i, b) - mean[b]);
            MAT(C, a, b) = MAT(C, b, a) = acc / (n - 1);
        }
    double total = 0.0; // total variance = trace C = Σλ
    for (int j = 0; j < d; j++)
        total += MAT(C, j, j);
    if (!(total > 0.0))
        goto done;

    // principal directions = eigenvectors of C, by decreasing eigenvalue (variance)
    jacobi_eigen(C, E);
    for (int j = 0; j < d; j++)
        order[j] = j;
    for (int a = 1; a < d; a++)
        for (int b = a; b > 0 && MAT(C, order[b], order[b]) > MAT(C, order[b - 1], order[b - 1]);
             b--) {
            int t = order[b];
            order[b] = order[b - 1];
            order[b - 1] = t;
        }
    for (int i = 0; i < k; i++) {
        int o = order[i];
        for (int j = 0; j < d; j++)
            MAT(components, i, j) = MAT(E, j, o); // row i ← eigenvector o
        double lambda = MAT(C, o, o);
        ratio[i] = (lambda > 0.0 ? lambda : 0.0) / total; // rounding can leave λ ≈ −1e-17
    }
    rc = 0;
done:
    mat_free(C);
    mat_free(E);
    free(order);
    return rc;
}

void pca_transform(const Matrix *X, const double *mean, const Matrix *components, Matrix *T)
{
    int n = X->rows, d = X->cols, k = components->rows;
    for (int i = 0; i < n; i++)
        for (int c = 0; c < k; c++) {
            double acc = 0.0; // (row i of X − mean) · component c
            for (int j = 0; j < d; j++)
                acc += (MAT(X, i, j) - mean[j]) * MAT(components, c, j);
            MAT(T, i, c) = acc;
        }
}

void pca_reconstruct(const Matrix *T, const double *mean, const Matrix *components,
                     Matrix *Xhat)
{
    int n = T->rows, k = T->cols, d = components->cols;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++) {
            double acc = mean[j]; // mean + Σ_c T(i,c)·component c
            for (int c = 0; c < k; c++)
                acc += MAT(T, i, c) * MAT(components, c, j);
            MAT(Xhat, i, j) = acc;
        }
}
