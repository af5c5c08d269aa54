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
 * Every sum runs over the observed entries only. With a Mask we list them once, before the
 * first round (position, Mᵢⱼ and Mᵢⱼ·Vᵢⱼ, in row-major order), and a round walks that list:
 * it costs O(observed·k), and (WH)ᵢⱼ is only ever computed where it is compared with data,
 * never for all m·n entries. The lab's 943×1682 ratings matrix is 94% missing: its list is
 * about a sixteenth of the matrix. Without a Mask every entry counts and we walk them all.
 *
 * Legend: V, M m×n; W m×k; H k×n, kept as Ht = Hᵀ (n×k) while we iterate; num and den
 * hold the fractions' top and bottom (n×k for H, m×k for W); obs: the observed entries.
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

/* One observed entry: where it is, its weight Mᵢⱼ > 0, and Mᵢⱼ·Vᵢⱼ. */
typedef struct {
    int i, j;
    double w, wv;
} Obs;

/* The entries with Mᵢⱼ > 0, row by row (the order a dense i, j loop would meet them, so the
   sums below add up in the same order either way). Sets *count; NULL if out of memory. */
static Obs *list_observed(const Matrix *V, const Matrix *Mask, int *count)
{
    int m = V->rows, n = V->cols, c = 0;
    for (int t = 0; t < m * n; t++)
        c += Mask->data[t] > 0.0;
    Obs *obs = malloc(sizeof(Obs) * (c > 0 ? c : 1));
    if (!obs)
        return NULL;
    c = 0;
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++)
            if (MAT(Mask, i, j) > 0.0)
                obs[c++] = (Obs){ i, j, MAT(Mask, i, j), MAT(Mask, i, j) * MAT(V, i, j) };
    *count = c;
    return obs;
}

/* (WH)ᵢⱼ = row i of W · column j of H = row i of W · row j of Hᵀ (both k contiguous numbers) */
static double wh_at(const Matrix *W, const Matrix *Ht, int i, int j)
{
    const double *wi = &MAT(W, i, 0), *hj = &MAT(Ht, j, 0);
    double acc = 0.0;
    for (int a = 0; a < W->cols; a++)
        acc += wi[a] * hj[a];
    return acc;
}

/* X ← X ∘ num/den entry by entry; where den = 0 (and so the gradient is 0) X stays. */
static void multiply_update(Matrix *X, const Matrix *num, const Matrix *den)
{
    for (int t = 0; t < X->rows * X->cols; t++)
        if (den->data[t] > 0.0)
            X->data[t] *= num->data[t] / den->data[t];
}

/* One observed entry's share of an update: row r of num gets wv·x and row r of den gets
   w·(WH)ᵢⱼ·x, where x is k numbers (row i of W for H's update, row j of Hᵀ for W's). */
static void add_entry(Matrix *num, Matrix *den, int r, const double *x, double wv, double wwh)
{
    double *nr = &MAT(num, r, 0), *dr = &MAT(den, r, 0);
    for (int a = 0; a < num->cols; a++) {
        nr[a] += wv * x[a];
        dr[a] += wwh * x[a];
    }
}

static void zero(Matrix *X)
{
    for (int t = 0; t < X->rows * X->cols; t++)
        X->data[t] = 0.0;
}

/* H ← H ∘ (Wᵀ(M∘V)) / (Wᵀ(M∘WH)), on Ht = Hᵀ. Both sums run over the observed entries only:
   entry (i, j) adds Mᵢⱼ·Vᵢⱼ·(row i of W) to row j of num and Mᵢⱼ·(WH)ᵢⱼ·(row i of W) to row j
   of den (num, den: n×k, like Ht). obs lists the observed entries; NULL means all m·n. */
static void update_H(const Matrix *V, const Obs *obs, int nobs, const Matrix *W, Matrix *Ht,
                     Matrix *num, Matrix *den)
{
    zero(num);
    zero(den);
    if (obs) {
        for (int t = 0; t < nobs; t++) {
            const Obs *e = &obs[t];
            double wh = e->w * wh_at(W, Ht, e->i, e->j);
            add_entry(num, den, e->j, &MAT(W, e->i, 0), e->wv, wh);
        }
    } else {
        for (int i = 0; i < V->rows; i++)
            for (int j = 0; j < V->cols; j++)
                add_entry(num, den, j, &MAT(W, i, 0), MAT(V, i, j), wh_at(W, Ht, i, j));
    }
    multiply_update(Ht, num, den);
}

/* W ← W ∘ ((M∘V)Hᵀ) / ((M∘WH)Hᵀ): entry (i, j) adds Mᵢⱼ·Vᵢⱼ·(row j of Hᵀ) to row i of num
   and Mᵢⱼ·(WH)ᵢⱼ·(row j of Hᵀ) to row i of den (num, den: m×k, like W). */
static void update_W(const Matrix *V, const Obs *obs, int nobs, Matrix *W, const Matrix *Ht,
                     Matrix *num, Matrix *den)
{
    zero(num);
    zero(den);
    if (obs) {
        for (int t = 0; t < nobs; t++) {
            const Obs *e = &obs[t];
            double wh = e->w * wh_at(W, Ht, e->i, e->j);
            add_entry(num, den, e->i, &MAT(Ht, e->j, 0), e->wv, wh);
        }
    } else {
        for (int i = 0; i < V->rows; i++)
            for (int j = 0; j < V->cols; j++)
                add_entry(num, den, i, &MAT(Ht, j, 0), MAT(V, i, j), wh_at(W, Ht, i, j));
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

    // with a Mask, the observed entries once (without one, every entry is observed)
    int nobs = 0;
    Obs *obs = Mask ? list_observed(V, Mask, &nobs) : NULL;
    Matrix *Ht = mat_new(n, k), *numH = mat_new(n, k), *denH = mat_new(n, k);
    Matrix *numW = mat_new(m, k), *denW = mat_new(m, k);
    int rc = -1;
    if ((obs || !Mask) && Ht && numH && denH && numW && denW) {
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
            update_H(V, obs, nobs, W, Ht, numH, denH);
            update_W(V, obs, nobs, W, Ht, numW, denW); // with the new H
        }
        for (int a = 0; a < k; a++)
            for (int j = 0; j < n; j++)
                MAT(H, a, j) = MAT(Ht, j, a);
        rc = 0;
    }
    free(obs);
    mat_free(Ht);
    mat_free(numH);
    mat_free(denH);
    mat_free(numW);
    mat_free(denW);
    return rc;
}
