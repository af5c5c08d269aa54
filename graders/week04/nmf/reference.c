/*
 * reference.c — nmf (week 4, Coding Checkpoint #2 project 3): the reference solution.
 *
 * Non-negative matrix factorization: V ≈ W H with W (m×k) ≥ 0 and H (k×n) ≥ 0, making
 *   F = ‖M ∘ (V − W H)‖²_F
 * small, where M is the mask (1 = observed, 0 = missing; all ones when Mask is NULL) and ∘
 * multiplies entry by entry. Lee and Seung's multiplicative updates, one round:
 *   H ← H ∘ (Wᵀ(M∘V)) / (Wᵀ(M∘WH))        then, with the new H,
 *   W ← W ∘ ((M∘V)Hᵀ) / ((M∘WH)Hᵀ)
 * Each is a gradient step (the gradient of F/2 in H is Wᵀ(M∘WH) − Wᵀ(M∘V)) with a step
 * size of its own for every entry, H/(Wᵀ(M∘WH)), chosen so that the step becomes a
 * multiplication: products and quotients of non-negative numbers stay non-negative, and F
 * never increases (Lee & Seung 2001 prove it with an auxiliary function). Missing entries
 * have M = 0 and drop out of every sum, so their values in V are never used.
 * A zero denominator only happens where the gradient is 0 as well (e.g. a row with nothing
 * observed): that entry is left as it is.
 *
 * The start: every entry uniform in (0, 1] times √(mean of the observed V / k), so that WH
 * starts at about V's size; from a splitmix64 stream seeded by `seed`.
 *
 * Every sum runs over the observed entries only, so a round costs O(observed·k): the lab's
 * 943×1682 ratings matrix is 94% missing.
 *
 * Legend: V, M m×n; W m×k; H k×n, kept as Ht = Hᵀ (n×k) while we iterate; num and den
 * hold the fractions' top and bottom (n×k for H, m×k for W).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "la4ai.h"

static uint64_t next_u64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* uniform in (0, 1]: never 0, since a zero entry would stay 0 forever */
static double next_unif_pos(uint64_t *state)
{
    return (double)((next_u64(state) >> 11) + 1) * 0x1.0p-53;
}

static double mask_at(const Matrix *Mask, int i, int j)
{
    return Mask ? MAT(Mask, i, j) : 1.0;
}

/* (WH)ᵢⱼ = row i of W · column j of H = row i of W · row j of Hᵀ (both k contiguous numbers) */
static double wh_at(const Matrix *W, const Matrix *Ht, int i, int j)
{
    double acc = 0.0;
    for (int a = 0; a < W->cols; a++)
        acc += MAT(W, i, a) * MAT(Ht, j, a);
    return acc;
}

/* X ← X ∘ num/den entry by entry; where den = 0 (and so the gradient is 0) X stays. */
static void multiply_update(Matrix *X, const Matrix *num, const Matrix *den)
{
    for (int t = 0; t < X->rows * X->cols; t++)
        if (den->data[t] > 0.0)
            X->data[t] *= num->data[t] / den->data[t];
}

/* H ← H ∘ (Wᵀ(M∘V)) / (Wᵀ(M∘WH)), on Ht = Hᵀ. Both sums run over the observed entries only:
   entry (i, j) adds Mᵢⱼ·Vᵢⱼ·(row i of W) to row j of num and Mᵢⱼ·(WH)ᵢⱼ·(row i of W) to row j
   of den (num, den: n×k, like Ht). */
static void update_H(const Matrix *V, const Matrix *Mask, const Matrix *W, Matrix *Ht,
                     Matrix *num, Matrix *den)
{
    int m = V->rows, n = V->cols, k = W->cols;
    for (int t = 0; t < n * k; t++)
        num->data[t] = den->data[t] = 0.0;
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            double w = mask_at(Mask, i, j);
            if (w == 0.0)
                continue; // missing: drops out of both sums
            double v = w * MAT(V, i, j), wh = w * wh_at(W, Ht, i, j);
            for (int a = 0; a < k; a++) {
                MAT(num, j, a) += v * MAT(W, i, a);
                MAT(den, j, a) += wh * MAT(W, i, a);
            }
        }
    multiply_update(Ht, num, den);
}

/* W ← W ∘ ((M∘V)Hᵀ) / ((M∘WH)Hᵀ): entry (i, j) adds Mᵢⱼ·Vᵢⱼ·(row j of Hᵀ) to row i of num
   and Mᵢⱼ·(WH)ᵢⱼ·(row j of Hᵀ) to row i of den (num, den: m×k, like W). */
static void update_W(const Matrix *V, const Matrix *Mask, Matrix *W, const Matrix *Ht,
                     Matrix *num, Matrix *den)
{
    int m = V->rows, n = V->cols, k = W->cols;
    for (int t = 0; t < m * k; t++)
        num->data[t] = den->data[t] = 0.0;
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            double w = mask_at(Mask, i, j);
            if (w == 0.0)
                continue;
            double v = w * MAT(V, i, j), wh = w * wh_at(W, Ht, i, j);
            for (int a = 0; a < k; a++) {
                MAT(num, i, a) += v * MAT(Ht, j, a);
                MAT(den, i, a) += wh * MAT(Ht, j, a);
            }
        }
    multiply_update(W, num, den);
}

int nmf(const Matrix *V, const Matrix *Mask, int k, int iters, unsigned seed, Matrix *W,
        Matrix *H)
{
    int m = V->rows, n = V->cols;
    if (k <= 0 || iters < 0 || W->rows != m || W->cols != k || H->rows != k || H->cols != n ||
        (Mask && (Mask->rows != m || Mask->cols != n)))
        return -1;

    // check the data, and the mean of what is observed (for the size of the start)
    double sum = 0.0, count = 0.0;
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            double w = mask_at(Mask, i, j);
            if (!(w >= 0.0 && isfinite(w)))
                return -1; // a weight must be a finite number ≥ 0
            if (w == 0.0)
                continue; // missing: V's value there is never read
            if (!(MAT(V, i, j) >= 0.0 && isfinite(MAT(V, i, j))))
                return -1; // negative, NaN or infinite data
            sum += w * MAT(V, i, j);
            count += w;
        }

    Matrix *Ht = mat_new(n, k), *numH = mat_new(n, k), *denH = mat_new(n, k);
    Matrix *numW = mat_new(m, k), *denW = mat_new(m, k);
    int rc = -1;
    if (Ht && numH && denH && numW && denW) {
        // the start: W then H, row by row, from one stream
        uint64_t rng = seed;
        double scale = count > 0.0 ? sqrt(sum / count / k) : 0.0;
        for (int t = 0; t < m * k; t++)
            W->data[t] = scale * next_unif_pos(&rng);
        for (int t = 0; t < k * n; t++)
            H->data[t] = scale * next_unif_pos(&rng);

        // work on Hᵀ (n×k): the k numbers of column j of H then sit together in memory
        for (int a = 0; a < k; a++)
            for (int j = 0; j < n; j++)
                MAT(Ht, j, a) = MAT(H, a, j);
        for (int it = 0; it < iters; it++) {
            update_H(V, Mask, W, Ht, numH, denH);
            update_W(V, Mask, W, Ht, numW, denW); // with the new H
        }
        for (int a = 0; a < k; a++)
            for (int j = 0; j < n; j++)
                MAT(H, a, j) = MAT(Ht, j, a);
        rc = 0;
    }
    mat_free(Ht);
    mat_free(numH);
    mat_free(denH);
    mat_free(numW);
    mat_free(denW);
    return rc;
}
