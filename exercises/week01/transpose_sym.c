/*
 * transpose_sym.c — week 1, "Transposes, permutations, spaces".
 * Watch: MIT 18.06 Lecture 5 (Strang): transposes, permutations, symmetric matrices.
 *
 * Five small functions. Outputs are allocated by the caller with the shape given and arrive
 * holding whatever was there before: write every entry. Inputs are never changed.
 *
 *   transpose(A, At)           A is m×n, At is n×m: (Aᵀ)ⱼᵢ = aᵢⱼ.
 *   permute_rows(perm, A, PA)  A and PA are m×n; perm holds a permutation of 0…m−1.
 *                              Row i of PA is row perm[i] of A — PA is the permutation
 *                              matrix P (the identity with its rows reordered) times A.
 *   covariance(X, C)           X is n×d, one sample per row, one feature per column, n ≥ 2.
 *                              C (d×d) ← (X − mean)ᵀ(X − mean)/(n − 1), where "mean" is the
 *                              row of column means: cₐᵦ = Σₖ (xₖₐ − μₐ)(xₖᵦ − μᵦ)/(n − 1).
 *                              Subtract the means first — real data (prices, timestamps)
 *                              can sit far from 0.
 *   gram(A, G)                 A is m×n, G (n×n) ← AᵀA: gᵢⱼ = (column i)·(column j).
 *   is_symmetric(A, tol)       1 if A is square and |aᵢⱼ − aⱼᵢ| ≤ tol for every i, j;
 *                              0 otherwise.
 *
 * Both C and G are symmetric: that is the point of the lecture — covariance matrices and
 * Gram matrices (AᵀA, the heart of least squares) are symmetric, always.
 *
 * Check it: la4ai check transpose_sym
 */
#include <stdlib.h>

#include "la4ai.h"

void transpose(const Matrix *A, Matrix *At)
{
    (void)A;
    (void)At;
    /* TODO */
}

void permute_rows(const int *perm, const Matrix *A, Matrix *PA)
{
    (void)perm;
    (void)A;
    (void)PA;
    /* TODO */
}

void covariance(const Matrix *X, Matrix *C)
{
    (void)X;
    (void)C;
    /* TODO */
}

void gram(const Matrix *A, Matrix *G)
{
    (void)A;
    (void)G;
    /* TODO */
}

int is_symmetric(const Matrix *A, double tol)
{
    (void)A;
    (void)tol;
    /* TODO */
    return 0;
}
