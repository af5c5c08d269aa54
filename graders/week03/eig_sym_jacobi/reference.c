/*
 * reference.c — eig_sym_jacobi (week 3): the reference solution.
 *
 * Every eigenpair of a symmetric A (n×n) by cyclic Jacobi rotations. B starts as a copy of A
 * and V as I. For each pair p < q in turn, a plane rotation J (angle θ in the (p, q) plane)
 * makes B ← JᵀBJ zero at (p, q), and V ← VJ. A rotation changes no eigenvalue (JᵀBJ is similar
 * to B) and moves off-diagonal weight onto the diagonal: Σ b_pp² + b_qq² grows by 2b_pq². A
 * sweep visits every pair; after a handful the off-diagonal part is rounding noise, B is
 * diagonal, and A = V·diag(B)·Vᵀ. Finally the eigenvalues are sorted in decreasing order, the
 * columns of V with them.
 *
 * The angle: with τ = (b_qq − b_pp)/(2b_pq), t = tan θ is the smaller root of t² + 2τt − 1 = 0,
 * t = sign(τ)/(|τ| + √(1 + τ²)) — the rotation by less than 45°, which converges best;
 * c = 1/√(1 + t²), s = t·c.
 *
 * Legend: n = A->rows; B the matrix being diagonalised; columns p, q the rotated pair.
 */
#include <float.h>
#include <math.h>

#include "la4ai.h"

#define MAX_SWEEPS 50

// the norm of B's off-diagonal part, √(Σ_{i≠j} b_ij²)
static double off_norm(const Matrix *B)
{
    double s = 0.0;
    for (int i = 0; i < B->rows; i++)
        for (int j = 0; j < B->cols; j++)
            if (i != j)
                s += MAT(B, i, j) * MAT(B, i, j);
    return sqrt(s);
}

// M ← M·J for the rotation J = [c s; −s c] in columns p, q
static void rotate_columns(Matrix *M, int p, int q, double c, double s)
{
    for (int i = 0; i < M->rows; i++) {
        double mp = MAT(M, i, p), mq = MAT(M, i, q);
        MAT(M, i, p) = c * mp - s * mq;
        MAT(M, i, q) = s * mp + c * mq;
    }
}

// M ← Jᵀ·M: the same rotation applied to rows p, q
static void rotate_rows(Matrix *M, int p, int q, double c, double s)
{
    for (int j = 0; j < M->cols; j++) {
        double mp = MAT(M, p, j), mq = MAT(M, q, j);
        MAT(M, p, j) = c * mp - s * mq;
        MAT(M, q, j) = s * mp + c * mq;
    }
}

int eig_sym_jacobi(const Matrix *A, double *lambda, Matrix *V)
{
    int n = A->rows;
    if (A->cols != n)
        return -1;
    double scale = 0.0; // the norm of A: "zero" is relative to it
    for (int i = 0; i < n * n; i++)
        scale = hypot(scale, A->data[i]);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < i; j++)
            if (fabs(MAT(A, i, j) - MAT(A, j, i)) > 1e-12 * scale)
                return -1; // not symmetric

    Matrix *B = mat_new(n, n);
    if (!B)
        return -1;
    for (int i = 0; i < n * n; i++)
        B->data[i] = A->data[i];
    for (int i = 0; i < n; i++) // V ← I
        for (int j = 0; j < n; j++)
            MAT(V, i, j) = i == j ? 1.0 : 0.0;

    int converged = 0;
    for (int sweep = 0; sweep < MAX_SWEEPS && !converged; sweep++) {
        if (off_norm(B) <= DBL_EPSILON * scale) {
            converged = 1;
            break;
        }
        for (int p = 0; p < n - 1; p++)
            for (int q = p + 1; q < n; q++) {
                double bpq = MAT(B, p, q);
                if (bpq == 0.0)
                    continue;
                // the rotation that zeroes b_pq
                double tau = (MAT(B, q, q) - MAT(B, p, p)) / (2.0 * bpq);
                double t = (tau >= 0.0 ? 1.0 : -1.0) / (fabs(tau) + sqrt(1.0 + tau * tau));
                double c = 1.0 / sqrt(1.0 + t * t), s = t * c;
                rotate_columns(B, p, q, c, s); // B ← JᵀBJ
                rotate_rows(B, p, q, c, s);
                MAT(B, p, q) = MAT(B, q, p) = 0.0; // zero by construction; drop the rounding
                rotate_columns(V, p, q, c, s);     // V ← VJ
            }
    }
    if (!converged && off_norm(B) <= DBL_EPSILON * scale)
        converged = 1;

    // lambda ← diag(B), then sort decreasing, moving the columns of V along
    for (int i = 0; i < n; i++)
        lambda[i] = MAT(B, i, i);
    for (int a = 1; a < n; a++)
        for (int b = a; b > 0 && lambda[b] > lambda[b - 1]; b--) {
            double t = lambda[b];
            lambda[b] = lambda[b - 1];
            lambda[b - 1] = t;
            for (int i = 0; i < n; i++) {
                t = MAT(V, i, b);
                MAT(V, i, b) = MAT(V, i, b - 1);
                MAT(V, i, b - 1) = t;
            }
        }
    mat_free(B);
    return converged ? 0 : -1;
}
