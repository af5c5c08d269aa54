/*
 * inverse_gauss_jordan.c (reference) — A⁻¹ by Gauss–Jordan elimination on [A | I] with
 * partial pivoting.
 *
 * Contract (la4ai.h): A is n×n and is not changed; Ainv (n×n, caller-allocated) receives
 * A⁻¹. Returns 0, or -1 if A is singular: some column has no pivot larger than
 * n·ε·max|aᵢⱼ|. Legend: W is the n×2n working block [A | I]; its columns 0…n−1 are the A
 * side, n…2n−1 the I side.
 */
#include <float.h>
#include <math.h>

#include "la4ai.h"

static void swap_rows(Matrix *W, int r, int s)
{
    for (int j = 0; j < W->cols; j++) {
        double t = MAT(W, r, j);
        MAT(W, r, j) = MAT(W, s, j);
        MAT(W, s, j) = t;
    }
}

int inverse_gauss_jordan(const Matrix *A, Matrix *Ainv)
{
    int n = A->rows;
    Matrix *W = mat_new(n, 2 * n);
    if (!W)
        return -1;
    // W = [A | I]
    double amax = 0.0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            MAT(W, i, j) = MAT(A, i, j);
            amax = fmax(amax, fabs(MAT(A, i, j)));
        }
    for (int i = 0; i < n; i++)
        MAT(W, i, n + i) = 1.0;
    double tol = n * DBL_EPSILON * amax;

    for (int k = 0; k < n; k++) {
        // partial pivoting: the largest |W[i, k]| for i ≥ k
        int p = k;
        for (int i = k + 1; i < n; i++)
            if (fabs(MAT(W, i, k)) > fabs(MAT(W, p, k)))
                p = i;
        if (fabs(MAT(W, p, k)) <= tol) {
            mat_free(W);
            return -1; // column k has no usable pivot: A is singular
        }
        if (p != k)
            swap_rows(W, k, p);
        // scale the pivot row so the pivot is 1
        double piv = MAT(W, k, k);
        for (int j = 0; j < 2 * n; j++)
            MAT(W, k, j) /= piv;
        // clear column k in every other row, above and below: row i ← row i − W[i, k]·row k
        for (int i = 0; i < n; i++) {
            if (i == k)
                continue;
            double l = MAT(W, i, k);
            if (l == 0.0)
                continue;
            for (int j = 0; j < 2 * n; j++)
                MAT(W, i, j) -= l * MAT(W, k, j);
        }
    }

    // W = [I | A⁻¹]: copy out the right block
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            MAT(Ainv, i, j) = MAT(W, i, n + j);
    mat_free(W);
    return 0;
}
