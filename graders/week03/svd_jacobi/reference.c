/*
 * reference.c — svd_jacobi (week 3): the reference solution.
 *
 * Thin SVD A = U·diag(S)·Vᵀ of A (m×n, m ≥ n) by one-sided Jacobi (Hestenes). W starts as a
 * copy of A and V as I; W = AV holds all along. For each pair of columns p < q of W that are
 * not yet orthogonal, a plane rotation of the two columns (and the same on V) makes them
 * orthogonal — it is the Jacobi rotation that diagonalises the 2×2 block of WᵀW, so this is
 * eig_sym_jacobi on AᵀA without ever forming AᵀA (which would square the condition number).
 * Sweeps repeat until every pair is orthogonal to rounding: |w_p·w_q| ≤ ε·‖w_p‖‖w_q‖. Then
 * W = AV has orthogonal columns, so W = U·diag(σ) with σⱼ = ‖wⱼ‖ and uⱼ = wⱼ/σⱼ, and
 * A = WVᵀ = U·diag(σ)·Vᵀ. The triplets are sorted by decreasing σ. A zero column of W
 * (σⱼ = 0: A is rank-deficient) has no direction; its uⱼ is any unit vector perpendicular to
 * the other columns of U, found by Gram–Schmidt on e₀, e₁, ….
 *
 * Legend: m rows, n columns; wⱼ = column j of W = A·vⱼ; σⱼ = ‖wⱼ‖.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "la4ai.h"

#define MAX_SWEEPS 60

// (column p of X)·(column q of Y)
static double col_dot(const Matrix *X, int p, const Matrix *Y, int q)
{
    double acc = 0.0;
    for (int i = 0; i < X->rows; i++)
        acc += MAT(X, i, p) * MAT(Y, i, q);
    return acc;
}

// columns p, q of M ← (c·col p − s·col q, s·col p + c·col q)
static void rotate(Matrix *M, int p, int q, double c, double s)
{
    for (int i = 0; i < M->rows; i++) {
        double mp = MAT(M, i, p), mq = MAT(M, i, q);
        MAT(M, i, p) = c * mp - s * mq;
        MAT(M, i, q) = s * mp + c * mq;
    }
}

// Column j of U ← a unit vector perpendicular to U's columns listed in done[0..nd): the
// standard basis vector that sticks out most, minus its projections (twice, for accuracy).
static void complete_column(Matrix *U, int j, const int *done, int nd)
{
    int m = U->rows, best = 0;
    double bestlen = -1.0;
    for (int e = 0; e < m; e++) { // ‖eₑ − projection‖² = 1 − Σ u_ek²
        double len = 1.0;
        for (int k = 0; k < nd; k++)
            len -= MAT(U, e, done[k]) * MAT(U, e, done[k]);
        if (len > bestlen) {
            bestlen = len;
            best = e;
        }
    }
    for (int i = 0; i < m; i++)
        MAT(U, i, j) = i == best ? 1.0 : 0.0;
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < nd; k++) {
            double d = col_dot(U, done[k], U, j);
            for (int i = 0; i < m; i++)
                MAT(U, i, j) -= d * MAT(U, i, done[k]);
        }
    double len = sqrt(col_dot(U, j, U, j));
    for (int i = 0; i < m; i++)
        MAT(U, i, j) /= len;
}

int svd_jacobi(const Matrix *A, Matrix *U, double *S, Matrix *V)
{
    int m = A->rows, n = A->cols;
    if (m < n)
        return -1;
    Matrix *W = mat_new(m, n), *R = mat_new(n, n); // W = A·R, R the rotations so far
    double *sigma = malloc(sizeof(double) * (size_t)(n > 0 ? n : 1));
    size_t ni = sizeof(int) * (size_t)(n > 0 ? n : 1);
    int *order = malloc(ni), *placed = malloc(ni), *zero = malloc(ni);
    int rc = -1;
    if (!W || !R || !sigma || !order || !placed || !zero)
        goto done;
    for (int i = 0; i < m * n; i++)
        W->data[i] = A->data[i];
    for (int i = 0; i < n; i++)
        MAT(R, i, i) = 1.0;

    // sweeps: rotate every non-orthogonal pair of columns of W (and of R) until none is left
    int converged = 0;
    for (int sweep = 0; sweep < MAX_SWEEPS && !converged; sweep++) {
        converged = 1;
        for (int p = 0; p < n - 1; p++)
            for (int q = p + 1; q < n; q++) {
                double alpha = col_dot(W, p, W, p), beta = col_dot(W, q, W, q);
                double gamma = col_dot(W, p, W, q);
                if (fabs(gamma) <= DBL_EPSILON * sqrt(alpha * beta))
                    continue; // already orthogonal (also when a column is 0)
                converged = 0;
                // the rotation that makes w_p·w_q = 0: t = tan θ solves t² + 2ζt − 1 = 0
                double zeta = (beta - alpha) / (2.0 * gamma);
                double t = (zeta >= 0.0 ? 1.0 : -1.0) / (fabs(zeta) + sqrt(1.0 + zeta * zeta));
                double c = 1.0 / sqrt(1.0 + t * t), s = c * t;
                rotate(W, p, q, c, s);
                rotate(R, p, q, c, s);
            }
    }
    if (!converged)
        goto done;

    // σⱼ = ‖wⱼ‖, and the order that sorts them decreasing
    for (int j = 0; j < n; j++) {
        sigma[j] = sqrt(col_dot(W, j, W, j));
        order[j] = j;
    }
    for (int a = 1; a < n; a++)
        for (int b = a; b > 0 && sigma[order[b]] > sigma[order[b - 1]]; b--) {
            int t = order[b];
            order[b] = order[b - 1];
            order[b - 1] = t;
        }
    // S, V and the non-zero columns of U in that order: uⱼ = wⱼ/σⱼ
    int nd = 0, nz = 0; // columns of U placed so far (in placed[]), zero σs waiting (in zero[])
    for (int j = 0; j < n; j++) {
        int o = order[j];
        S[j] = sigma[o];
        for (int i = 0; i < n; i++)
            MAT(V, i, j) = MAT(R, i, o);
        if (sigma[o] > 0.0) {
            for (int i = 0; i < m; i++)
                MAT(U, i, j) = MAT(W, i, o) / sigma[o];
            placed[nd++] = j;
        } else {
            zero[nz++] = j;
        }
    }
    // σⱼ = 0: complete U with unit vectors perpendicular to the columns placed so far
    for (int z = 0; z < nz; z++) {
        complete_column(U, zero[z], placed, nd);
        placed[nd++] = zero[z];
    }
    rc = 0;
done:
    mat_free(W);
    mat_free(R);
    free(sigma);
    free(order);
    free(placed);
    free(zero);
    return rc;
}
