/*
 * reference.c — truncated_svd (week 4, 18.065 Lecture 6): the reference solution.
 *
 * The top k singular triplets of A (m×n) by block power (subspace) iteration:
 *   1. V ← an n×k block of random N(0, 1) numbers (seeded), orthonormalized.
 *   2. `iters` rounds of V ← orth(Aᵀ(A·V)): multiplying by AᵀA stretches the direction of vᵢ
 *      by σᵢ², so the block turns towards the top-k right singular vectors, the error
 *      shrinking like (σₖ₊₁/σₖ)² per round. Re-orthonormalizing (Gram–Schmidt, twice) every
 *      round keeps the columns from all collapsing onto v₁. AᵀA is never formed.
 *   3. Rayleigh–Ritz: B = A·V is only m×k. Its SVD B = Ũ·diag(S)·Wᵀ (one-sided Jacobi:
 *      rotate pairs of columns of B until they are orthogonal, applying the same rotations to
 *      V, which turns V into V·W) gives U = the normalized columns, S = their lengths, sorted.
 * Afterwards AV = U·diag(S) holds to rounding for any iters; AᵀU = V·diag(S) and the
 * singular values are right once the block has converged.
 * Returns -1 if k is not in 1…min(m, n) or iters < 0, else 0.
 *
 * Legend: m rows, n columns, k = block size; V n×k, B m×k, U m×k.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "la4ai.h"

/* A small seeded generator (splitmix64) and standard normals by Box–Muller. */
static uint64_t next_u64(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static double normal(uint64_t *s)
{
    double u = ((double)(next_u64(s) >> 11) + 0.5) * 0x1.0p-53; // in (0, 1)
    double v = (double)(next_u64(s) >> 11) * 0x1.0p-53;
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

static double col_dot(const Matrix *X, int a, const Matrix *Y, int b)
{
    double acc = 0.0;
    for (int i = 0; i < X->rows; i++)
        acc += MAT(X, i, a) * MAT(Y, i, b);
    return acc;
}

/* Orthonormalize the columns of Z in place: Gram–Schmidt, two passes per column. A column
   with (numerically) nothing left is replaced by a fresh random one and tried again. */
static void orthonormalize(Matrix *Z, uint64_t *rng)
{
    int n = Z->rows, k = Z->cols;
    for (int j = 0; j < k; j++) {
        for (int attempt = 0; attempt < 5; attempt++) {
            double before = sqrt(col_dot(Z, j, Z, j));
            for (int pass = 0; pass < 2; pass++)
                for (int i = 0; i < j; i++) {
                    double c = col_dot(Z, i, Z, j);
                    for (int r = 0; r < n; r++)
                        MAT(Z, r, j) -= c * MAT(Z, r, i);
                }
            double left = sqrt(col_dot(Z, j, Z, j));
            if (left > 1e-10 * before && left > 0.0) {
                for (int r = 0; r < n; r++)
                    MAT(Z, r, j) /= left;
                break;
            }
            for (int r = 0; r < n; r++) // column j lies in the span of the others
                MAT(Z, r, j) = normal(rng);
        }
    }
}

/* C (p×k) ← M·X for M p×q, X q×k; or Mᵀ·X (C q×k) when `t` is set. */
static void mul(const Matrix *M, int t, const Matrix *X, Matrix *C)
{
    int p = M->rows, q = M->cols, k = X->cols;
    for (int i = 0; i < C->rows * k; i++)
        C->data[i] = 0.0;
    for (int i = 0; i < p; i++)
        for (int l = 0; l < q; l++) {
            double a = MAT(M, i, l);
            for (int j = 0; j < k; j++) {
                if (t)
                    MAT(C, l, j) += a * MAT(X, i, j);
                else
                    MAT(C, i, j) += a * MAT(X, l, j);
            }
        }
}

/* One-sided Jacobi on the columns of B (m×k): rotate pairs until orthogonal, applying each
   rotation to the columns of V too. */
static void jacobi_columns(Matrix *B, Matrix *V)
{
    int k = B->cols;
    for (int sweep = 0; sweep < 60; sweep++) {
        int rotated = 0;
        for (int p = 0; p < k - 1; p++)
            for (int q = p + 1; q < k; q++) {
                double a = col_dot(B, p, B, p), b = col_dot(B, q, B, q);
                double g = col_dot(B, p, B, q);
                if (fabs(g) <= DBL_EPSILON * sqrt(a * b))
                    continue;
                rotated = 1;
                // the angle that makes columns p and q orthogonal
                double zeta = (b - a) / (2.0 * g);
                double t = (zeta >= 0 ? 1.0 : -1.0) / (fabs(zeta) + sqrt(1.0 + zeta * zeta));
                double c = 1.0 / sqrt(1.0 + t * t), s = c * t;
                Matrix *Ms[2] = { B, V };
                for (int w = 0; w < 2; w++)
                    for (int i = 0; i < Ms[w]->rows; i++) {
                        double xp = MAT(Ms[w], i, p), xq = MAT(Ms[w], i, q);
                        MAT(Ms[w], i, p) = c * xp - s * xq;
                        MAT(Ms[w], i, q) = s * xp + c * xq;
                    }
            }
        if (!rotated)
            break;
    }
}

int truncated_svd(const Matrix *A, int k, int iters, unsigned seed, Matrix *U, double *S,
                  Matrix *V)
{
    int m = A->rows, n = A->cols;
    if (k < 1 || k > (m < n ? m : n) || iters < 0)
        return -1;
    uint64_t rng = seed;
    Matrix *Vw = mat_new(n, k), *B = mat_new(m, k);
    int *order = malloc(sizeof(int) * (size_t)k);
    double *len = malloc(sizeof(double) * (size_t)k);
    int rc = -1;
    if (!Vw || !B || !order || !len)
        goto done;

    // 1. a random start block with orthonormal columns
    for (int i = 0; i < n * k; i++)
        Vw->data[i] = normal(&rng);
    orthonormalize(Vw, &rng);
    // 2. subspace iteration: V ← orth(Aᵀ(AV))
    for (int it = 0; it < iters; it++) {
        mul(A, 0, Vw, B);  // B = AV, m×k
        mul(A, 1, B, Vw);  // V = AᵀB, n×k
        orthonormalize(Vw, &rng);
    }
    // 3. Rayleigh–Ritz: the SVD of the small B = AV
    mul(A, 0, Vw, B);
    jacobi_columns(B, Vw);
    for (int j = 0; j < k; j++) {
        len[j] = sqrt(col_dot(B, j, B, j));
        order[j] = j;
    }
    for (int a = 1; a < k; a++) // insertion sort by decreasing length
        for (int b = a; b > 0 && len[order[b]] > len[order[b - 1]]; b--) {
            int t = order[b];
            order[b] = order[b - 1];
            order[b - 1] = t;
        }
    for (int j = 0; j < k; j++) {
        int o = order[j];
        S[j] = len[o];
        for (int i = 0; i < m; i++)
            MAT(U, i, j) = len[o] > 0.0 ? MAT(B, i, o) / len[o] : 0.0;
        for (int i = 0; i < n; i++)
            MAT(V, i, j) = MAT(Vw, i, o);
    }
    rc = 0;
done:
    mat_free(Vw);
    mat_free(B);
    free(order);
    free(len);
    return rc;
}
