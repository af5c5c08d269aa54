/*
 * svd_jacobi.c — Week 3, "The SVD": A = UΣVᵀ for any matrix, by one-sided Jacobi rotations.
 * Watch: MIT 18.06 Lecture 29 (Avⱼ = σⱼuⱼ: orthonormal vⱼ in, orthogonal σⱼuⱼ out —
 * rotate, scale, rotate).
 *
 * Write svd_jacobi(A, U, S, V), the thin SVD of A (m×n with m ≥ n):
 *   U  m×n, zero-filled by the caller: orthonormal columns (UᵀU = I).
 *   S  n entries: the singular values σ₀ ≥ σ₁ ≥ … ≥ 0.
 *   V  n×n, zero-filled by the caller: orthogonal (VᵀV = I).
 *   and A = U·diag(S)·Vᵀ, i.e. A·vⱼ = σⱼ·uⱼ for every column j.
 *
 * The method: look for an orthogonal V that makes the columns of W = AV orthogonal to each
 * other — then W = U·diag(σ) with σⱼ = ‖wⱼ‖, uⱼ = wⱼ/σⱼ, and A = WVᵀ = U·diag(σ)·Vᵀ.
 * Start from W ← a copy of A (mat_new) and V ← I, and rotate pairs of columns:
 *   for each pair p < q:  α = w_p·w_p,  β = w_q·w_q,  γ = w_p·w_q
 *     if |γ| > ε·√(αβ) (not yet orthogonal; ε = DBL_EPSILON from <float.h>):
 *       ζ = (β − α)/(2γ),  t = sign(ζ)/(|ζ| + √(1 + ζ²))  (sign(0) = +1),
 *       c = 1/√(1 + t²),  s = c·t,  and for both W and V:
 *       col p ← c·col p − s·col q,   col q ← s·col p + c·col q   (from the old values)
 *   That rotation makes w_p·w_q = 0 (it is eig_sym_jacobi's rotation for the 2×2 block of
 *   WᵀW, without ever forming AᵀA, which would square the condition number).
 * Sweep over all pairs again and again until a whole sweep rotates nothing; return -1 if
 * that has not happened after 60 sweeps. Then σⱼ = ‖wⱼ‖; sort the triplets so that
 * S is decreasing, moving the columns of U and V along with their σ.
 * If A is rank-deficient some wⱼ comes out as the zero vector (σⱼ = 0): it has no direction
 * to normalise. Make column j of U any unit vector perpendicular to the other columns of U —
 * e.g. take a standard basis vector eᵢ, subtract its projections onto the other columns
 * (twice, for accuracy), and normalise; choose an eᵢ that does not lie in their span.
 *
 * Return 0 (or -1 as above, or if m < n). Don't modify A.
 * Check it: la4ai check svd_jacobi
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "la4ai.h"

int svd_jacobi(const Matrix *A, Matrix *U, double *S, Matrix *V)
{
    (void)A;
    (void)U;
    (void)S;
    (void)V;
    /* TODO: rotate pairs of columns of W = AV until they are orthogonal */
    return -1;
}
