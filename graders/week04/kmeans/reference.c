/*
 * reference.c — kmeans (week 4, Coding Checkpoint #2 project 2): the reference solution.
 *
 * k-means looks for k centroids c₀…c_{k−1} and a label for every sample that make the
 * inertia small:
 *   J = Σᵢ ‖xᵢ − c_{labelᵢ}‖²
 * Lloyd's algorithm alternates the two half-steps that each lower J: give every sample its
 * nearest centroid (the best labels for fixed centroids), then move every centroid to the
 * mean of its samples (the best centroids for fixed labels). When no label changes, both
 * hold at once — a fixed point, a local minimum that depends on where it started.
 * k-means++ chooses that start: the first centroid is a sample picked uniformly, every next
 * one a sample picked with probability proportional to D(x)², the squared distance from x to
 * the nearest centroid chosen so far. A group of points far from every centroid holds most
 * of the D² mass, so it is very likely to get a centroid of its own; a sample that already
 * is a centroid has D² = 0 and is never picked twice.
 *
 * The loop: k-means++, assign; then up to max_iter rounds of update, assign — stopping when
 * an assignment changes no label. So the labels returned are always the nearest centroids,
 * and after convergence every centroid is the mean of its samples. A cluster that loses all
 * its samples keeps its centroid. max_iter = 0 returns the k-means++ start.
 *
 * Legend: X is n×d (n samples, d features); k clusters; labels[n]; C = centroids, k×d;
 * D2[n] the squared distance of each sample to its nearest centroid so far.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "la4ai.h"

/* splitmix64: a small, good generator; the same seed gives the same stream everywhere. */
static uint64_t next_u64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* uniform in [0, 1) */
static double next_unif(uint64_t *state) { return (double)(next_u64(state) >> 11) * 0x1.0p-53; }

/* ‖a − b‖² for two rows of d numbers */
static double dist2(const double *a, const double *b, int d)
{
    double s = 0.0;
    for (int j = 0; j < d; j++) {
        double t = a[j] - b[j];
        s += t * t;
    }
    return s;
}

/* k-means++: fills the k rows of C with samples of X, each next one drawn with probability
   ∝ D2. D2[n] is scratch. */
static void kmeanspp(const Matrix *X, int k, uint64_t *rng, Matrix *C, double *D2)
{
    int n = X->rows, d = X->cols;
    int pick = (int)(next_unif(rng) * n); // the first centroid: any sample, uniformly
    for (int c = 0; c < k; c++) {
        if (c > 0) {
            double total = 0.0;
            for (int i = 0; i < n; i++)
                total += D2[i];
            if (total > 0.0) {
                // walk the cumulative sum of D2 to the point r ∈ [0, total); samples with
                // D2 = 0 (already centroids) take up no room and are never picked
                double r = next_unif(rng) * total, acc = 0.0;
                for (int i = 0; i < n; i++) {
                    if (D2[i] > 0.0) {
                        pick = i;
                        acc += D2[i];
                        if (acc > r)
                            break;
                    }
                }
            } else {
                pick = (int)(next_unif(rng) * n); // every sample sits on a centroid already
            }
        }
        memcpy(&MAT(C, c, 0), &MAT(X, pick, 0), sizeof(double) * (size_t)d);
        // D2[i] ← min(D2[i], ‖xᵢ − c‖²) with the centroid just chosen
        for (int i = 0; i < n; i++) {
            double t = dist2(&MAT(X, i, 0), &MAT(C, c, 0), d);
            if (c == 0 || t < D2[i])
                D2[i] = t;
        }
    }
}

/* labels[i] ← the nearest centroid (the lowest index on a tie). Returns how many changed. */
static int assign(const Matrix *X, const Matrix *C, int *labels)
{
    int n = X->rows, d = X->cols, k = C->rows, changed = 0;
    for (int i = 0; i < n; i++) {
        int best = 0;
        double bestd = dist2(&MAT(X, i, 0), &MAT(C, 0, 0), d);
        for (int c = 1; c < k; c++) {
            double t = dist2(&MAT(X, i, 0), &MAT(C, c, 0), d);
            if (t < bestd) {
                bestd = t;
                best = c;
            }
        }
        changed += labels[i] != best;
        labels[i] = best;
    }
    return changed;
}

/* Every centroid ← the mean of its samples; an empty cluster keeps its centroid.
   sum (k×d) and count[k] are scratch. */
static void update(const Matrix *X, const int *labels, Matrix *C, Matrix *sum, int *count)
{
    int n = X->rows, d = X->cols, k = C->rows;
    memset(sum->data, 0, sizeof(double) * (size_t)k * (size_t)d);
    memset(count, 0, sizeof(int) * (size_t)k);
    for (int i = 0; i < n; i++) { // add row i of X to its cluster's sum
        count[labels[i]]++;
        for (int j = 0; j < d; j++)
            MAT(sum, labels[i], j) += MAT(X, i, j);
    }
    for (int c = 0; c < k; c++)
        if (count[c] > 0)
            for (int j = 0; j < d; j++)
                MAT(C, c, j) = MAT(sum, c, j) / count[c];
}

double kmeans(const Matrix *X, int k, int max_iter, unsigned seed, int *labels,
              Matrix *centroids)
{
    int n = X->rows, d = X->cols;
    if (k <= 0 || k > n || max_iter < 0 || centroids->rows != k || centroids->cols != d)
        return -1.0;
    double *D2 = malloc(sizeof(double) * (size_t)n);
    int *count = malloc(sizeof(int) * (size_t)k);
    Matrix *sum = mat_new(k, d);
    if (!D2 || !count || !sum) {
        free(D2);
        free(count);
        mat_free(sum);
        return -1.0;
    }
    uint64_t rng = seed;

    kmeanspp(X, k, &rng, centroids, D2);
    for (int i = 0; i < n; i++)
        labels[i] = -1;
    assign(X, centroids, labels);
    for (int it = 0; it < max_iter; it++) {
        update(X, labels, centroids, sum, count);
        if (assign(X, centroids, labels) == 0)
            break; // a fixed point: the labels are the nearest and the centroids the means
    }

    // the inertia of exactly what we return
    double inertia = 0.0;
    for (int i = 0; i < n; i++)
        inertia += dist2(&MAT(X, i, 0), &MAT(centroids, labels[i], 0), d);
    free(D2);
    free(count);
    mat_free(sum);
    return inertia;
}
