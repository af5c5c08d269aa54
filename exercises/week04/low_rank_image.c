/*
 * low_rank_image.c — week 4, Coding Checkpoint #2, project 1: image compression by SVD.
 * Watch: MIT 18.065 Lecture 7 (Eckart–Young: the closest rank-k matrix) and Lecture 6 (the
 * SVD). A grey image is an m×n matrix of pixel values; keeping its top k singular triplets
 * stores k(m + n + 1) numbers instead of mn. Three functions:
 *
 * low_rank_approx(A, k, Ak): Ak (m×n, zero-filled by the caller) ← the best rank-k
 *   approximation of A (m×n, tall or wide): with A = Σᵢ σᵢuᵢvᵢᵀ (σ₀ ≥ σ₁ ≥ …), keep the first k
 *   terms, Aₖ = Σᵢ<ₖ σᵢuᵢvᵢᵀ. Eckart–Young: no matrix of rank ≤ k is closer to A, and
 *   ‖A − Aₖ‖²_F = Σᵢ≥ₖ σᵢ² (the squares of the dropped singular values). k = 0 gives the zero
 *   matrix; k ≥ min(m, n) gives A itself. Return -1 if k < 0, else 0.
 *   Plan: one-sided Jacobi as in svd_jacobi (copy yours in as a static helper) on W = A — or
 *   on W = Aᵀ when A is wide (m < n), so that W has at least as many rows as columns. Rotate
 *   pairs of columns of W until they are orthogonal, applying the same rotations to V (which
 *   starts as I). Then W = (A or Aᵀ)·V has columns σⱼuⱼ, so the k longest columns j give
 *   Aₖ = Σ wⱼvⱼᵀ (transpose back if you worked on Aᵀ). Work on A itself, not on AᵀA: the
 *   grader has singular values down to 1e-7 of σ₀, which AᵀA would square away.
 *
 * psnr(A, B, peak): the peak signal-to-noise ratio of B against A, in decibels:
 *   MSE = (1/mn)·Σ (aᵢⱼ − bᵢⱼ)²,  PSNR = 10·log10(peak²/MSE)  (log10 from <math.h>; peak is
 *   255 for 8-bit pixels). Identical images have MSE = 0: return INFINITY (<math.h>) then.
 *
 * compression_ratio(m, n, k): k(m + n + 1)/(mn), the numbers a rank-k approximation stores
 *   over the numbers in the image. Compute in double: for a 60000×40000 image m·n does not
 *   fit in an int, and integer division would give 0.
 *
 * Don't modify A or B. Check it: la4ai check low_rank_image
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "la4ai.h"

int low_rank_approx(const Matrix *A, int k, Matrix *Ak)
{
    (void)A;
    (void)k;
    (void)Ak;
    /* TODO: SVD of A by one-sided Jacobi, then keep the k largest singular triplets */
    return -1;
}

double psnr(const Matrix *A, const Matrix *B, double peak)
{
    (void)A;
    (void)B;
    (void)peak;
    /* TODO: 10·log10(peak²/MSE), INFINITY when A and B are equal */
    return 0.0;
}

double compression_ratio(int m, int n, int k)
{
    (void)m;
    (void)n;
    (void)k;
    /* TODO: k(m + n + 1)/(mn), in double */
    return 0.0;
}
