/*
 * reference.c — eig_2x2 (week 3): the reference solution.
 *
 * Eigenvalues and unit eigenvectors of a symmetric 2×2 A = [a b; b d] in closed form. The
 * characteristic polynomial λ² − (a + d)λ + (ad − b²) has the roots m ± r with m = (a + d)/2,
 * h = (a − d)/2, r = √(h² + b²). The eigenvector for the larger root comes from whichever row
 * of A − λ₀I adds two non-negative numbers — (h + r, b) or (b, r − h) — so no digits cancel;
 * the other eigenvector is perpendicular to it (a symmetric matrix has orthogonal
 * eigenvectors). Returns -1 for a matrix that is not 2×2 or not symmetric to 1e-12 of its
 * largest entry.
 *
 * Legend: lambda[0] ≥ lambda[1]; column k of V is the unit eigenvector for lambda[k].
 */
#include <math.h>

#include "la4ai.h"

int eig_2x2(const Matrix *A, double lambda[2], Matrix *V)
{
    if (A->rows != 2 || A->cols != 2)
        return -1;
    double a = MAT(A, 0, 0), b = MAT(A, 0, 1), c = MAT(A, 1, 0), d = MAT(A, 1, 1);
    double big = fmax(fmax(fabs(a), fabs(b)), fmax(fabs(c), fabs(d)));
    if (fabs(b - c) > 1e-12 * big)
        return -1;
    b = 0.5 * (b + c); // the symmetric part

    // λ = m ± r: the centre of the two roots and the distance to each
    double m = 0.5 * (a + d), h = 0.5 * (a - d), r = hypot(h, b);
    lambda[0] = m + r;
    lambda[1] = m - r;

    // a row of A − λ₀I is (h − r, b) or (b, −h − r); a vector perpendicular to it is an
    // eigenvector. Pick the one built from a sum, never a difference.
    double x, y;
    if (r == 0.0) { // A = aI: every direction is an eigenvector
        x = 1.0;
        y = 0.0;
    } else if (h >= 0.0) {
        x = h + r;
        y = b;
    } else {
        x = b;
        y = r - h;
    }
    double len = hypot(x, y);
    x /= len;
    y /= len;
    MAT(V, 0, 0) = x; // column 0: v for λ₀
    MAT(V, 1, 0) = y;
    MAT(V, 0, 1) = -y; // column 1: v turned by 90°, for λ₁
    MAT(V, 1, 1) = x;
    return 0;
}
