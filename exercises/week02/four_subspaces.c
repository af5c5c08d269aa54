/*
 * four_subspaces.c — Week 2: the four fundamental subspaces.
 * Watch: MIT 18.06 Lecture 10 (the four fundamental subspaces).
 *
 * Every m×n matrix A of rank r has four subspaces: the column space C(A) ⊂ Rᵐ (dim r), the
 * nullspace N(A) ⊂ Rⁿ (dim n − r), the row space C(Aᵀ) ⊂ Rⁿ (dim r) and the left nullspace
 * N(Aᵀ) ⊂ Rᵐ (dim m − r). Write four_subspaces(A, Col, Nul, Row, Left, dims, tol) to find a
 * basis of each, stored as columns:
 *   Col  m×m  first r columns: a basis of C(A)
 *   Nul  n×n  first n − r columns: a basis of N(A)
 *   Row  n×n  first r columns: a basis of C(Aᵀ)
 *   Left m×m  first m − r columns: a basis of N(Aᵀ)
 * All four arrive zero-filled; leave every column after the basis 0. Set
 * dims = {r, n − r, r, m − r} and return r. tol is the numerical zero of your elimination
 * (|x| ≤ tol is 0); tol < 0 means choose it, as in rank_basis (1000·max(m, n)·ε·max|aᵢⱼ|).
 *
 * Lecture 10's route: row-reduce [A | I] to [R | E] (pivots chosen in A's columns only), so
 * that EA = R. Pivot columns of A → C(A); nonzero rows of R → C(Aᵀ); special solutions of
 * Rx = 0 → N(A); the last m − r rows of E → N(Aᵀ). Any basis is accepted: the grader checks
 * that your vectors are independent, lie in the right subspace, and that there are enough.
 *
 * Don't modify A. Check it: la4ai check four_subspaces
 */
#include "la4ai.h"

int four_subspaces(const Matrix *A, Matrix *Col, Matrix *Nul, Matrix *Row, Matrix *Left,
                   int dims[4], double tol)
{
    (void)A;
    (void)Col;
    (void)Nul;
    (void)Row;
    (void)Left;
    (void)dims;
    (void)tol;
    /* TODO: reduce [A | I], then read off the four bases */
    return -1;
}
