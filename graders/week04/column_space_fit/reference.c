/*
 * reference.c — column_space_fit (week 4, 18.065 Lecture 1): the reference solution.
 *
 * How well can the columns of A (m×n: tall, square or wide, of any rank) produce b? Walk
 * through the columns left to right and keep an orthonormal basis q₀…q_{r−1} of the columns
 * kept so far (Gram–Schmidt, two passes per column so that Q stays orthonormal to rounding).
 * A column with (numerically) nothing left after removing its components along the q's —
 * ‖v‖ ≤ 1000·m·ε·‖aⱼ‖ — is a combination of the kept ones and is skipped. The kept columns are
 * the independent columns C of Lecture 1's A = CR, Q is an orthonormal basis of C(A), and
 * C = Q·Rc with Rc r×r upper triangular and invertible.
 * Least squares on the kept columns alone — Rc·z = Qᵀb by back substitution — gives a best x:
 * z on the kept columns, 0 on the skipped ones. (With dependent columns there are infinitely
 * many best x, all with the same Ax; this is the "basic" one.) Returns ‖b − Ax‖, the distance
 * from b to C(A). AᵀA is never formed, so accuracy goes like κ·ε, not κ²·ε.
 *
 * Legend: m rows, n columns, r = rank = number of kept columns; Q m×r; Rc r×r (stored in an
 * min(m,n)×min(m,n) block); keep[t] = the column of A that the t-th kept column is.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "la4ai.h"

/* How small, relative to ‖aⱼ‖, what is left of column j may get before we skip it. */
#define CSF_DEPENDENT (1000.0 * DBL_EPSILON)

static double norm(const double *v, int m)
{
    double acc = 0.0;
    for (int i = 0; i < m; i++)
        acc += v[i] * v[i];
    return sqrt(acc);
}

/* q_i · v for column i of Q (m rows) */
static double qdot(const Matrix *Q, int i, const double *v)
{
    double acc = 0.0;
    for (int k = 0; k < Q->rows; k++)
        acc += MAT(Q, k, i) * v[k];
    return acc;
}

double column_space_fit(const Matrix *A, const double *b, double *x)
{
    int m = A->rows, n = A->cols, r = 0;
    int cap = m < n ? m : n; // the rank is at most min(m, n)
    int c1 = cap > 0 ? cap : 1, m1 = m > 0 ? m : 1;
    Matrix *Q = mat_new(m, c1), *Rc = mat_new(c1, c1);
    int *keep = malloc(sizeof(int) * (size_t)c1);
    double *v = malloc(sizeof(double) * (size_t)m1), *z = malloc(sizeof(double) * (size_t)c1);
    double dist = NAN;
    if (!Q || !Rc || !keep || !v || !z)
        goto done;

    // 1. pick the independent columns, building Q and Rc as we go
    for (int j = 0; j < n && r < cap; j++) {
        for (int k = 0; k < m; k++)
            v[k] = MAT(A, k, j);
        double na = norm(v, m);
        for (int i = 0; i < r; i++)
            MAT(Rc, i, r) = 0.0;
        for (int pass = 0; pass < 2; pass++) // the second pass removes what rounding left
            for (int i = 0; i < r; i++) {
                double c = qdot(Q, i, v);
                MAT(Rc, i, r) += c;
                for (int k = 0; k < m; k++)
                    v[k] -= c * MAT(Q, k, i);
            }
        double left = norm(v, m);
        if (left <= CSF_DEPENDENT * m * na)
            continue; // aⱼ adds no new direction (a zero column included): x[j] stays 0
        MAT(Rc, r, r) = left;
        for (int k = 0; k < m; k++)
            MAT(Q, k, r) = v[k] / left;
        keep[r++] = j;
    }

    // 2. z ← Qᵀb, each component taken from what is left of b (modified Gram–Schmidt)
    for (int k = 0; k < m; k++)
        v[k] = b[k];
    for (int i = 0; i < r; i++) {
        z[i] = qdot(Q, i, v);
        for (int k = 0; k < m; k++)
            v[k] -= z[i] * MAT(Q, k, i);
    }
    // back substitution Rc·z = Qᵀb, from the last kept column up
    for (int i = r - 1; i >= 0; i--) {
        for (int t = i + 1; t < r; t++)
            z[i] -= MAT(Rc, i, t) * z[t];
        z[i] /= MAT(Rc, i, i);
    }
    for (int j = 0; j < n; j++)
        x[j] = 0.0;
    for (int t = 0; t < r; t++)
        x[keep[t]] = z[t];

    // 3. the distance from b to C(A): the length of the residual b − Ax
    for (int i = 0; i < m; i++) {
        double acc = b[i];
        for (int j = 0; j < n; j++)
            acc -= MAT(A, i, j) * x[j];
        v[i] = acc;
    }
    dist = norm(v, m);
done:
    mat_free(Q);
    mat_free(Rc);
    free(keep);
    free(v);
    free(z);
    return dist;
}
