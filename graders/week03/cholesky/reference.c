/*
 * reference.c — cholesky (week 3): the reference solution.
 *
 * A = LLᵀ for a symmetric positive definite A (n×n), column by column (Cholesky–Banachiewicz
 * order would do as well). Column j of L: the pivot dⱼ = aⱼⱼ − Σₖ<ⱼ lⱼₖ² is what is left of
 * the diagonal after the earlier columns; lⱼⱼ = √dⱼ, and below it
 * lᵢⱼ = (aᵢⱼ − Σₖ<ⱼ lᵢₖlⱼₖ)/lⱼⱼ. A is positive definite exactly when every pivot is > 0 —
 * elimination's pivots, and xᵀAx > 0 for every x ≠ 0 (18.06 L25) — so a pivot ≤ n·ε·max aᵢᵢ
 * (zero up to rounding, or negative) means "not positive definite" and returns -1.
 *
 * Legend: n = A->rows; dⱼ the j-th pivot; L is written in full, zeros above the diagonal.
 */
#include <float.h>
#include <math.h>

#include "la4ai.h"

int cholesky(const Matrix *A, Matrix *L)
{
    int n = A->rows;
    double amax = 0.0; // the largest diagonal entry sets the scale of "zero"
    for (int i = 0; i < n; i++)
        amax = fmax(amax, fabs(MAT(A, i, i)));
    double tiny = n * DBL_EPSILON * amax;

    for (int j = 0; j < n; j++) {
        // the pivot: what the earlier columns leave of aⱼⱼ
        double d = MAT(A, j, j);
        for (int k = 0; k < j; k++)
            d -= MAT(L, j, k) * MAT(L, j, k);
        if (!(d > tiny)) // ≤ 0 up to rounding (or NaN): not positive definite
            return -1;
        double ljj = sqrt(d);
        MAT(L, j, j) = ljj;
        // below the diagonal: lᵢⱼ = (aᵢⱼ − Σₖ lᵢₖlⱼₖ)/lⱼⱼ
        for (int i = j + 1; i < n; i++) {
            double s = MAT(A, i, j);
            for (int k = 0; k < j; k++)
                s -= MAT(L, i, k) * MAT(L, j, k);
            MAT(L, i, j) = s / ljj;
        }
        // above the diagonal: zeros
        for (int i = 0; i < j; i++)
            MAT(L, i, j) = 0.0;
    }
    return 0;
}
