/*
 * eig_sym_jacobi.c — Week 3, "Symmetric and positive definite": every eigenpair of a
 * symmetric matrix, by Jacobi rotations.
 * Watch: MIT 18.06 Lecture 25 (a symmetric A = QΛQᵀ: real eigenvalues, orthonormal
 * eigenvectors — the spectral theorem).
 *
 * Write eig_sym_jacobi(A, lambda, V):
 *   A       n×n symmetric, read with MAT(A, i, j).
 *   lambda  n entries: the eigenvalues in decreasing order.
 *   V       n×n, zero-filled by the caller: orthogonal (VᵀV = I), column k a unit
 *           eigenvector for lambda[k], so that A = V·diag(λ)·Vᵀ. Either sign of a column is
 *           fine, and for a repeated eigenvalue any orthonormal basis of its eigenspace.
 *
 * The method: B ← a copy of A (mat_new), V ← I. A rotation J in the (p, q) plane,
 *     J = I except  J(p,p) = c, J(p,q) = s, J(q,p) = −s, J(q,q) = c   (c² + s² = 1),
 * gives B ← JᵀBJ, which has the same eigenvalues, and V ← VJ keeps A = V·B·Vᵀ. Choose the
 * angle that makes the new b_pq zero:
 *     τ = (b_qq − b_pp)/(2·b_pq),   t = sign(τ)/(|τ| + √(1 + τ²))   (sign(0) = +1),
 *     c = 1/√(1 + t²),   s = t·c.
 * In code, BJ changes columns p and q:  col p ← c·col p − s·col q,  col q ← s·col p + c·col q
 * (both from the old values); Jᵀ(BJ) does the same to rows p and q; VJ is like BJ.
 * One sweep rotates every pair p < q with b_pq ≠ 0. Each rotation moves 2·b_pq² of "weight"
 * from off the diagonal onto it, so after a few sweeps (5–10) B is diagonal to rounding:
 * stop when √(Σ_{i≠j} b_ij²) ≤ ε·‖A‖_F (ε = DBL_EPSILON, ‖A‖_F = √(Σ a_ij²)). Then
 * λ = diag(B); sort it in decreasing order and move the columns of V along with it.
 * (A tip: after a rotation, check that b_pq came out 0 — if it grows instead, a sign in J or
 * in t is flipped.)
 *
 * Return 0, or -1 if A is not symmetric (|a_ij − a_ji| > 1e-12·‖A‖_F for some i, j) or the
 * sweeps run out (say 50) before B is diagonal.
 *
 * Don't modify A. Check it: la4ai check eig_sym_jacobi
 */
#include <float.h>
#include <math.h>

#include "la4ai.h"

int eig_sym_jacobi(const Matrix *A, double *lambda, Matrix *V)
{
    (void)A;
    (void)lambda;
    (void)V;
    /* TODO: sweeps of rotations until B is diagonal, then sort */
    return -1;
}
