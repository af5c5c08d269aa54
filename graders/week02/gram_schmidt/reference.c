/*
 * reference.c — gram_schmidt (week 2, Coding Checkpoint #1 part 2): the reference solution.
 *
 * A = QR by modified Gram–Schmidt. A is m×n with m ≥ n; Q (m×n) gets orthonormal columns,
 * R (n×n) is upper triangular with a positive diagonal. Column j of A is orthogonalized
 * against q₀…qⱼ₋₁ one projection at a time, each coefficient taken from the vector as it is
 * *now* (that is what makes it "modified": rounding errors made by one projection are removed
 * by the next). Returns 0, or -1 as soon as a column is numerically in the span of the ones
 * before it: what is left of it, ‖v‖, is at most 1000·m·ε·‖aⱼ‖ (a zero column counts too).
 *
 * Legend: m rows (samples), n columns (features); aⱼ, qⱼ are columns; MAT(M, i, j) is M[i,j].
 */
#include <float.h>
#include <math.h>

#include "la4ai.h"

/* How small, relative to ‖aⱼ‖, the remainder of column j may get before we call it dependent. */
#define GS_DEPENDENT (1000.0 * DBL_EPSILON)

/* q_i · (column j of M), for columns stored in row-major matrices with m rows */
static double col_dot(const Matrix *Q, int i, const Matrix *M, int j)
{
    double acc = 0.0;
    for (int k = 0; k < Q->rows; k++)
        acc += MAT(Q, k, i) * MAT(M, k, j);
    return acc;
}

static double col_norm(const Matrix *M, int j)
{
    return sqrt(col_dot(M, j, M, j));
}

int gram_schmidt(const Matrix *A, Matrix *Q, Matrix *R)
{
    int m = A->rows, n = A->cols;
    for (int j = 0; j < n; j++) {
        // v ← aⱼ, kept in column j of Q while we work on it
        for (int k = 0; k < m; k++)
            MAT(Q, k, j) = MAT(A, k, j);
        // remove the component along each earlier qᵢ, measured on the updated v
        for (int i = 0; i < j; i++) {
            double rij = col_dot(Q, i, Q, j);
            MAT(R, i, j) = rij;
            for (int k = 0; k < m; k++)
                MAT(Q, k, j) -= rij * MAT(Q, k, i);
        }
        // what is left has length rⱼⱼ; if (almost) nothing is left, aⱼ added no new direction
        double rjj = col_norm(Q, j);
        if (rjj <= GS_DEPENDENT * m * col_norm(A, j))
            return -1;
        MAT(R, j, j) = rjj;
        for (int k = 0; k < m; k++)
            MAT(Q, k, j) /= rjj;
        // entries of R below the diagonal stay 0
        for (int i = j + 1; i < n; i++)
            MAT(R, i, j) = 0.0;
    }
    return 0;
}
