/*
 * reference.c — low_rank_image (week 4, Checkpoint #2 project 1): the reference solution.
 *
 * low_rank_approx: by Eckart–Young the closest rank-k matrix to A (m×n) — in the Frobenius
 *   and the spectral norm — keeps the k largest singular triplets: Aₖ = Σᵢ<ₖ σᵢuᵢvᵢᵀ, and
 *   ‖A − Aₖ‖²_F = Σᵢ≥ₖ σᵢ². The SVD comes from one-sided Jacobi on W = A (on W = Aᵀ when A is
 *   wide, so that W is tall, p×q with p ≥ q): rotate pairs of columns of W until they are
 *   orthogonal, accumulating the rotations in V (q×q). Then W = A·V has columns σⱼuⱼ and
 *   A = W·Vᵀ, so Aₖ = Σ over the k longest columns j of wⱼvⱼᵀ — no need to normalize. Working
 *   on A itself (not AᵀA) keeps even tiny singular values accurate.
 * psnr: 10·log10(peak²/MSE), MSE the mean of the squared differences; +INFINITY if equal.
 * compression_ratio: a rank-k approximation stores k columns of U (m each), k of V (n each)
 *   and k singular values — k(m + n + 1) numbers — against the image's mn.
 *
 * Legend: m×n image; W p×q (p ≥ q) the tall orientation; V q×q rotations; k kept triplets.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "la4ai.h"

static double col_dot(const Matrix *X, int a, int b)
{
    double acc = 0.0;
    for (int i = 0; i < X->rows; i++)
        acc += MAT(X, i, a) * MAT(X, i, b);
    return acc;
}

/* One-sided Jacobi: make the columns of W orthogonal, applying the rotations to V too. */
static void jacobi_columns(Matrix *W, Matrix *V)
{
    int q = W->cols;
    for (int sweep = 0; sweep < 60; sweep++) {
        int rotated = 0;
        for (int a = 0; a < q - 1; a++)
            for (int b = a + 1; b < q; b++) {
                double wa = col_dot(W, a, a), wb = col_dot(W, b, b), g = col_dot(W, a, b);
                if (fabs(g) <= DBL_EPSILON * sqrt(wa * wb))
                    continue;
                rotated = 1;
                double zeta = (wb - wa) / (2.0 * g);
                double t = (zeta >= 0 ? 1.0 : -1.0) / (fabs(zeta) + sqrt(1.0 + zeta * zeta));
                double c = 1.0 / sqrt(1.0 + t * t), s = c * t;
                Matrix *Ms[2] = { W, V };
                for (int w = 0; w < 2; w++)
                    for (int i = 0; i < Ms[w]->rows; i++) {
                        double xa = MAT(Ms[w], i, a), xb = MAT(Ms[w], i, b);
                        MAT(Ms[w], i, a) = c * xa - s * xb;
                        MAT(Ms[w], i, b) = s * xa + c * xb;
                    }
            }
        if (!rotated)
            break;
    }
}

int low_rank_approx(const Matrix *A, int k, Matrix *Ak)
{
    int m = A->rows, n = A->cols, wide = m < n;
    if (k < 0)
        return -1;
    int p = wide ? n : m, q = wide ? m : n;
    // W (p×q) = A or Aᵀ, whichever is tall; V starts as the identity
    Matrix *W = mat_new(p, q), *V = mat_new(q, q);
    double *len = malloc(sizeof(double) * (size_t)(q > 0 ? q : 1));
    char *keep = calloc((size_t)(q > 0 ? q : 1), 1);
    int rc = -1;
    if (!W || !V || !len || !keep)
        goto done;
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            if (wide)
                MAT(W, j, i) = MAT(A, i, j);
            else
                MAT(W, i, j) = MAT(A, i, j);
        }
    for (int j = 0; j < q; j++)
        MAT(V, j, j) = 1.0;
    jacobi_columns(W, V);

    // keep the k longest columns of W = A·V (their lengths are the singular values)
    for (int j = 0; j < q; j++)
        len[j] = col_dot(W, j, j);
    for (int t = 0; t < k && t < q; t++) {
        int best = -1;
        for (int j = 0; j < q; j++)
            if (!keep[j] && (best < 0 || len[j] > len[best]))
                best = j;
        keep[best] = 1;
    }
    // Aₖ = Σ over kept j of wⱼvⱼᵀ (transposed back when A is wide)
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            double acc = 0.0;
            for (int c = 0; c < q; c++)
                if (keep[c])
                    acc += wide ? MAT(V, i, c) * MAT(W, j, c) : MAT(W, i, c) * MAT(V, j, c);
            MAT(Ak, i, j) = acc;
        }
    rc = 0;
done:
    mat_free(W);
    mat_free(V);
    free(len);
    free(keep);
    return rc;
}

double psnr(const Matrix *A, const Matrix *B, double peak)
{
    int m = A->rows, n = A->cols;
    double sse = 0.0;
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            double d = MAT(A, i, j) - MAT(B, i, j);
            sse += d * d;
        }
    if (sse == 0.0)
        return INFINITY; // identical images: no noise at all
    double mse = sse / ((double)m * n);
    return 10.0 * log10(peak * peak / mse);
}

double compression_ratio(int m, int n, int k)
{
    // in double from the start: m·n overflows an int for a 60000×40000 image
    return (double)k * ((double)m + n + 1) / ((double)m * n);
}
