/*
 * determinant.c (reference) — det A as the signed product of the pivots of elimination
 * with partial pivoting.
 *
 * Contract (la4ai.h): A is n×n and is not changed. Returns det A, or exactly 0.0 when some
 * column has no pivot larger than n·ε·max|aᵢⱼ|. Legend: U is the working copy of A.
 */
#include <float.h>
#include <math.h>
#include <string.h>

#include "la4ai.h"

double determinant(const Matrix *A)
{
    int n = A->rows;
    Matrix *U = mat_new(n, n);
    if (!U)
        return NAN;
    memcpy(U->data, A->data, sizeof(double) * (size_t)n * (size_t)n);
    double amax = 0.0;
    for (int i = 0; i < n * n; i++)
        amax = fmax(amax, fabs(A->data[i]));
    double tol = n * DBL_EPSILON * amax;

    double det = 1.0;
    for (int k = 0; k < n; k++) {
        // partial pivoting: the largest |U[i, k]| for i ≥ k
        int p = k;
        for (int i = k + 1; i < n; i++)
            if (fabs(MAT(U, i, k)) > fabs(MAT(U, p, k)))
                p = i;
        if (fabs(MAT(U, p, k)) <= tol) {
            det = 0.0; // no usable pivot: A is singular
            break;
        }
        if (p != k) {
            for (int j = 0; j < n; j++) {
                double t = MAT(U, k, j);
                MAT(U, k, j) = MAT(U, p, j);
                MAT(U, p, j) = t;
            }
            det = -det; // a row exchange flips the orientation
        }
        // eliminate below the pivot (leaves the determinant unchanged)
        for (int i = k + 1; i < n; i++) {
            double l = MAT(U, i, k) / MAT(U, k, k);
            for (int j = k + 1; j < n; j++)
                MAT(U, i, j) -= l * MAT(U, k, j);
        }
        det *= MAT(U, k, k);
    }
    mat_free(U);
    return det;
}
