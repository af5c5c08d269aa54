/*
 * eig_2x2.c — Week 3, "Eigenvalues and eigenvectors": a symmetric 2×2 matrix in closed form.
 * Watch: MIT 18.06 Lecture 21 (Ax = λx, det(A − λI) = 0, trace = λ₀ + λ₁, det = λ₀λ₁).
 *
 * Write eig_2x2(A, lambda, V) for a symmetric A = [a b; b d] — the covariance matrix of two
 * features, say: its eigenvectors are the directions in which the data spreads (PCA), its
 * eigenvalues the variances along them.
 *   A       2×2, read with MAT(A, i, j).
 *   lambda  2 entries: the eigenvalues, lambda[0] ≥ lambda[1].
 *   V       2×2, zero-filled by the caller: column k ← a unit eigenvector for lambda[k]
 *           (MAT(V, 0, k) and MAT(V, 1, k)). Either sign is fine.
 *
 * det(A − λI) = λ² − (a + d)λ + (ad − b²) = 0 has the roots
 *     λ = m ± r,   m = (a + d)/2,   h = (a − d)/2,   r = √(h² + b²)   (hypot(h, b), <math.h>).
 * An eigenvector v solves (A − λI)v = 0. For λ₀ = m + r take
 *     v = (h + r, b)  when h ≥ 0,      v = (b, r − h)  when h < 0,
 * and divide it by its length. Each comes from one row of A − λ₀I, and each adds two
 * non-negative numbers, so nothing cancels. (The textbook (b, λ₀ − a) is (b, r − h): when b
 * is tiny and a > d, r − h is a difference of nearly equal numbers and all rounding error —
 * the grader tries that case.) The eigenvector for λ₁ is perpendicular: (−v₁, v₀).
 * When r = 0, A = aI and every vector is an eigenvector: any unit vectors will do.
 *
 * Return 0, or -1 if A is not 2×2 or not symmetric: |A(0,1) − A(1,0)| > 1e-12·max|aᵢⱼ|.
 * (A nearly symmetric A is accepted: use b = (A(0,1) + A(1,0))/2.)
 *
 * Don't modify A. Check it: la4ai check eig_2x2
 */
#include <math.h>

#include "la4ai.h"

int eig_2x2(const Matrix *A, double lambda[2], Matrix *V)
{
    (void)A;
    (void)lambda;
    (void)V;
    /* TODO: eigenvalues m ± r, then a unit eigenvector for each */
    return -1;
}
