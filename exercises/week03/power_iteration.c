/*
 * power_iteration.c — Week 3, "Eigenvalues and eigenvectors": the dominant eigenpair by
 * repeated multiplication, then the top k by deflation.
 * Watch: MIT 18.06 Lecture 21 (Ax = λx; Aᵏ has eigenvalues λᵏ and the same eigenvectors).
 *
 * Why it works: write the start vector in the eigenvectors of a symmetric A, v = Σ cᵢqᵢ.
 * Then Aᵏv = Σ cᵢλᵢᵏqᵢ, and the term with the largest |λᵢ| outgrows the others: once
 * normalised, v turns towards q₁ like |λ₂/λ₁|ᵏ. (This is how PageRank was computed, and how
 * the first principal component can be found without computing all of them.)
 *
 * power_iteration(A, v, max_iter, tol) — A n×n symmetric; v (n entries) holds the start
 *   vector, never the zero vector. Repeat
 *       w = Av;   v ← w/‖w‖;   λ = vᵀAv   (the Rayleigh quotient of the unit vector v)
 *   until λ changed by less than tol·|λ| since the step before, or max_iter steps are done
 *   (tol = 0 asks for all the accuracy there is). Return that λ, and leave the unit
 *   eigenvector in v. λ keeps its sign: with a dominant eigenvalue of −8, v flips its sign
 *   every step but vᵀAv still tends to −8 (while ‖Av‖ would say 8).
 *
 * top_eigs(A, k, lambda, V, max_iter, tol) — the k eigenpairs of largest |λ|, by deflation.
 *   Copy A to B (mat_new). For j = 0…k−1: run power_iteration on B from a start vector you
 *   choose (fixed, not zero, and better not a special one like (1, 1, …, 1), which can be
 *   exactly perpendicular to the eigenvector you want); lambda[j] ← λ; column j of V
 *   (n×k, zero-filled by the caller) ← v; then deflate, B ← B − λvvᵀ. That turns the
 *   eigenvalue λ of B into 0 and leaves the other eigenpairs alone (eigenvectors of a
 *   symmetric matrix are orthogonal), so the next run finds the next largest |λ|. lambda
 *   then comes out by decreasing |λ|. Return 0 (or -1 when k is not between 1 and n).
 *
 * Don't modify A (malloc and free are fine). Check it: la4ai check power_iteration
 */
#include <math.h>
#include <stdlib.h>

#include "la4ai.h"

double power_iteration(const Matrix *A, double *v, int max_iter, double tol)
{
    (void)A;
    (void)v;
    (void)max_iter;
    (void)tol;
    /* TODO: v ← Av/‖Av‖ until the Rayleigh quotient vᵀAv settles */
    return 0.0;
}

int top_eigs(const Matrix *A, int k, double *lambda, Matrix *V, int max_iter, double tol)
{
    (void)A;
    (void)k;
    (void)lambda;
    (void)V;
    (void)max_iter;
    (void)tol;
    /* TODO: power_iteration on a copy of A, deflating B ← B − λvvᵀ after each eigenpair */
    return -1;
}
