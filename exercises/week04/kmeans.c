/*
 * kmeans.c — Week 4, Coding Checkpoint #2 project 2: customer segmentation with k-means.
 * Watch: MIT 18.065 Lecture 7 (Eckart–Young, PCA) for the PCA half of the project; k-means
 * is the clustering that runs in PCA's 2-D picture (the lab: standardize → PCA → k-means).
 *
 * Write kmeans(X, k, max_iter, seed, labels, centroids).
 *   X          n×d, one sample (a customer) per row, read with MAT(X, i, j).
 *   labels     n ints: labels[i] ← the cluster of sample i, a number in 0…k−1.
 *   centroids  k×d, zero-filled by the caller: row c ← the centre of cluster c.
 * Return the inertia J = Σᵢ ‖xᵢ − c_labelᵢ‖² of the labels and centroids you return (squared
 * distances, summed), or -1.0 when k ≤ 0, k > n or max_iter < 0.
 *
 * 1. k-means++ start, with your own random generator seeded by `seed` (splitmix64 is ten
 *    lines; srand(seed) + rand() is fine too) — the same seed must give the same result:
 *      - the first centroid is a sample picked uniformly;
 *      - keep D²ᵢ = the squared distance from sample i to its nearest centroid so far; pick
 *        each next centroid with probability D²ᵢ / Σⱼ D²ⱼ (draw r uniform in [0, Σ D²) and
 *        walk the running sum of D² until it passes r). A sample that is already a centroid
 *        has D² = 0 and is never picked again.
 * 2. Label every sample with its nearest centroid (smallest squared distance; on a tie, the
 *    lower cluster number).
 * 3. Lloyd, up to max_iter rounds: move each centroid to the mean of its samples (a cluster
 *    with no samples keeps its centroid), then relabel as in step 2; stop as soon as a
 *    relabelling changes no label. At that point every label is the nearest centroid and
 *    every centroid the mean of its cluster. max_iter = 0 returns the labelled k-means++
 *    start.
 *
 * Cluster numbers are arbitrary: the grader compares partitions up to renaming. Don't modify
 * X (malloc and free are fine). Check it: la4ai check kmeans
 */
#include "la4ai.h"

double kmeans(const Matrix *X, int k, int max_iter, unsigned seed, int *labels,
              Matrix *centroids)
{
    (void)X;
    (void)k;
    (void)max_iter;
    (void)seed;
    (void)labels;
    (void)centroids;
    /* TODO: k-means++ start, then Lloyd's assign/update rounds; return the inertia */
    return -1.0;
}
