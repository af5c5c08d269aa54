/*
 * reference.c — lu_factor (week 4, 18.065 Lecture 2): the reference solution.
 *
 * PA = LU by Gaussian elimination with partial pivoting, for A n×n. U starts as a copy of A;
 * at step k the row with the largest |entry| in column k (on or below the diagonal) is
 * swapped up to row k — in U, in the part of L built so far, and in perm — and multiples
 * ℓᵢₖ = uᵢₖ/uₖₖ of row k are subtracted from the rows below. Each ℓᵢₖ is stored in L, so L
 * records the elimination and |ℓᵢₖ| ≤ 1 (the pivot was the largest). perm[i] is the row of A
 * that ended up as row i, so row i of PA is row perm[i] of A. Returns -1 as soon as a column
 * has no pivot larger than n·ε·max|aᵢⱼ| (A is singular, numerically), else 0.
 *
 * lu_solve reuses the factors for any b: Ax = b ⇔ PAx = Pb ⇔ L(Ux) = Pb, so solve Lz = Pb
 * from the top down (L has 1s on its diagonal), then Ux = z from the bottom up. That is n²
 * work per right-hand side against n³/3 for the factorization — why one factors once.
 *
 * Legend: n = size; k = the column being eliminated; (PA)[i] = A[perm[i]].
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "la4ai.h"

static void swap_rows(Matrix *M, int a, int b, int upto)
{
    for (int j = 0; j < upto; j++) {
        double t = MAT(M, a, j);
        MAT(M, a, j) = MAT(M, b, j);
        MAT(M, b, j) = t;
    }
}

int lu_factor(const Matrix *A, Matrix *L, Matrix *U, int *perm)
{
    int n = A->rows;
    double amax = 0.0;
    for (int i = 0; i < n; i++) {
        perm[i] = i;
        for (int j = 0; j < n; j++) {
            MAT(U, i, j) = MAT(A, i, j);
            MAT(L, i, j) = 0.0;
            if (fabs(MAT(A, i, j)) > amax)
                amax = fabs(MAT(A, i, j));
        }
    }
    double tiny = n * DBL_EPSILON * amax; // a pivot this small is rounding noise

    for (int k = 0; k < n; k++) {
        // partial pivoting: the largest |uᵢₖ| for i ≥ k
        int p = k;
        for (int i = k + 1; i < n; i++)
            if (fabs(MAT(U, i, k)) > fabs(MAT(U, p, k)))
                p = i;
        if (!(fabs(MAT(U, p, k)) > tiny))
            return -1; // no usable pivot in column k: A is singular
        if (p != k) {
            swap_rows(U, p, k, n);
            swap_rows(L, p, k, k); // only the multipliers found so far move
            int t = perm[p];
            perm[p] = perm[k];
            perm[k] = t;
        }
        // eliminate below the pivot, remembering each multiplier in L
        for (int i = k + 1; i < n; i++) {
            double l = MAT(U, i, k) / MAT(U, k, k);
            MAT(L, i, k) = l;
            MAT(U, i, k) = 0.0;
            for (int j = k + 1; j < n; j++)
                MAT(U, i, j) -= l * MAT(U, k, j);
        }
    }
    for (int i = 0; i < n; i++)
        MAT(L, i, i) = 1.0;
    return 0;
}

void lu_solve(const Matrix *L, const Matrix *U, const int *perm, const double *b, double *x)
{
    int n = L->rows;
    // forward substitution, Lz = Pb (z is kept in x)
    for (int i = 0; i < n; i++) {
        double acc = b[perm[i]];
        for (int j = 0; j < i; j++)
            acc -= MAT(L, i, j) * x[j];
        x[i] = acc; // ℓᵢᵢ = 1
    }
    // back substitution, Ux = z
    for (int i = n - 1; i >= 0; i--) {
        double acc = x[i];
        for (int j = i + 1; j < n; j++)
            acc -= MAT(U, i, j) * x[j];
        x[i] = acc / MAT(U, i, i);
    }
}
