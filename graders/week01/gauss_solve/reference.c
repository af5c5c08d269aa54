/*
 * gauss_solve.c (reference) — Ax = b by Gaussian elimination with partial pivoting, then
 * back substitution.
 *
 * Contract (la4ai.h): A is n×n, b and x have n entries; A and b are not changed. Returns 0
 * with x filled, or -1 if A is singular: some column has no pivot larger than
 * n·ε·max|aᵢⱼ|. Legend: U is the working copy of A (upper triangular when elimination
 * ends), c the working copy of b.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "la4ai.h"

static void swap_rows(Matrix *U, double *c, int r, int s)
{
    for (int j = 0; j < U->cols; j++) {
        double t = MAT(U, r, j);
        MAT(U, r, j) = MAT(U, s, j);
        MAT(U, s, j) = t;
    }
    double t = c[r];
    c[r] = c[s];
    c[s] = t;
}

int gauss_solve(const Matrix *A, const double *b, double *x)
{
    int n = A->rows;
    Matrix *U = mat_new(n, n);
    double *c = malloc(sizeof(double) * (size_t)n);
    if (!U || !c) {
        mat_free(U);
        free(c);
        return -1;
    }
    memcpy(U->data, A->data, sizeof(double) * (size_t)n * (size_t)n);
    memcpy(c, b, sizeof(double) * (size_t)n);

    // "zero" is relative to the size of A's entries
    double amax = 0.0;
    for (int i = 0; i < n * n; i++)
        amax = fmax(amax, fabs(A->data[i]));
    double tol = n * DBL_EPSILON * amax;

    int status = 0;
    for (int k = 0; k < n && status == 0; k++) {
        // partial pivoting: the largest |U[i, k]| for i ≥ k becomes the pivot
        int p = k;
        for (int i = k + 1; i < n; i++)
            if (fabs(MAT(U, i, k)) > fabs(MAT(U, p, k)))
                p = i;
        if (fabs(MAT(U, p, k)) <= tol) {
            status = -1; // no usable pivot in column k: A is singular
            break;
        }
        if (p != k)
            swap_rows(U, c, k, p);
        // eliminate below the pivot: row i ← row i − ℓᵢₖ·row k
        for (int i = k + 1; i < n; i++) {
            double l = MAT(U, i, k) / MAT(U, k, k);
            MAT(U, i, k) = 0.0;
            for (int j = k + 1; j < n; j++)
                MAT(U, i, j) -= l * MAT(U, k, j);
            c[i] -= l * c[k];
        }
    }

    // back substitution on Ux = c, last row first
    for (int i = n - 1; i >= 0 && status == 0; i--) {
        double acc = c[i];
        for (int j = i + 1; j < n; j++)
            acc -= MAT(U, i, j) * x[j];
        x[i] = acc / MAT(U, i, i);
    }

    mat_free(U);
    free(c);
    return status;
}
