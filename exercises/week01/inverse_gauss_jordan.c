/*
 * inverse_gauss_jordan.c — week 1, "Multiplication and inverses".
 * Watch: MIT 18.06 Lecture 3 (Strang), Gauss–Jordan: elimination on [A | I] gives [I | A⁻¹].
 *
 * Fill Ainv (n×n, allocated by the caller) with A⁻¹ for a square A (n = A->rows):
 *
 *   1. Build the n×2n block [A | I] (a copy — A is an input and must not change).
 *   2. For each column k = 0…n−1: pick the pivot row i ≥ k with the largest |aᵢₖ| (partial
 *      pivoting) and exchange it with row k; divide row k by the pivot so it becomes 1;
 *      subtract multiples of row k from *every other row*, above and below, so column k
 *      becomes a column of I.
 *   3. The left block is now I and the right block is A⁻¹: copy it into Ainv.
 *
 * A is singular (no inverse: its columns are dependent — collinear features) when some column
 * has no usable pivot: every candidate has |aᵢₖ| ≤ n·ε·max|aᵢⱼ| (ε = DBL_EPSILON, max over
 * the original A). Return -1 then (Ainv may hold anything); otherwise return 0.
 *
 * Check it: la4ai check inverse_gauss_jordan
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "la4ai.h"

int inverse_gauss_jordan(const Matrix *A, Matrix *Ainv)
{
    (void)A;
    (void)Ainv;
    /* TODO */
    return 0;
}
