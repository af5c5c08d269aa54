/*
 * gram_schmidt.c — Week 2, Coding Checkpoint #1 part 2: Gram–Schmidt orthogonalization.
 * Watch: MIT 18.06 Lecture 14 (orthogonal vectors and subspaces); Gram–Schmidt itself is
 * worked at the board in Lecture 17.
 *
 * Write gram_schmidt(A, Q, R): factor A = QR.
 *   A  m×n, m ≥ n, read with MAT(A, i, j); the columns a₀…aₙ₋₁ are your "features".
 *   Q  m×n, zero-filled by the caller: fill it with orthonormal columns q₀…qₙ₋₁ (QᵀQ = I).
 *   R  n×n, zero-filled by the caller: upper triangular, with a positive diagonal.
 * Column by column: start from v = aⱼ; for each earlier qᵢ take the coefficient
 * rᵢⱼ = qᵢ·v and remove that component, v ← v − rᵢⱼqᵢ; what is left has length rⱼⱼ = ‖v‖,
 * and qⱼ = v/rⱼⱼ. Then aⱼ = Σᵢ rᵢⱼqᵢ, which is exactly A = QR.
 * Compute each rᵢⱼ from the *updated* v (modified Gram–Schmidt), not from the original aⱼ
 * (classical): on ill-conditioned input the modified form keeps Q orthogonal to about κ·ε,
 * the classical one only to about κ²·ε — and the grader tries such input (κ up to 10⁹).
 *
 * Return 0, or -1 as soon as a column depends on the ones before it: nothing (numerically)
 * is left of it, i.e. ‖v‖ ≤ 1000·m·ε·‖aⱼ‖, with ε = DBL_EPSILON from <float.h>. This rule
 * also catches a zero column. Keep the test relative to ‖aⱼ‖: a small column is not a
 * dependent one.
 *
 * Don't modify A. Check it: la4ai check gram_schmidt
 */
#include "la4ai.h"

int gram_schmidt(const Matrix *A, Matrix *Q, Matrix *R)
{
    (void)A;
    (void)Q;
    (void)R;
    /* TODO: orthogonalize the columns of A into Q, recording the coefficients in R */
    return -1;
}
