/*
 * vec_basics.c (reference) — dot product, length, axpy and angle of vectors of n doubles.
 *
 * Contract (la4ai.h): vec_dot returns Σ xᵢyᵢ; vec_norm returns √(x·x); vec_axpy does
 * y ← a·x + y in place; vec_angle returns θ ∈ [0, π] with cos θ = x·y/(‖x‖‖y‖), or NAN when
 * either vector is zero.
 */
#include <math.h>

#include "la4ai.h"

double vec_dot(const double *x, const double *y, int n)
{
    double acc = 0.0;
    for (int i = 0; i < n; i++)
        acc += x[i] * y[i];
    return acc;
}

double vec_norm(const double *x, int n)
{
    // the length is the square root of x·x (a library dnrm2 would also rescale to dodge
    // overflow when entries are near 1e154; we keep the textbook form)
    return sqrt(vec_dot(x, x, n));
}

void vec_axpy(double a, const double *x, double *y, int n)
{
    for (int i = 0; i < n; i++)
        y[i] += a * x[i];
}

double vec_angle(const double *x, const double *y, int n)
{
    double nx = vec_norm(x, n), ny = vec_norm(y, n);
    if (nx == 0.0 || ny == 0.0)
        return NAN; // the zero vector points nowhere
    double c = vec_dot(x, y, n) / (nx * ny);
    // rounding can give 1.0000000000000002 for parallel vectors: clamp into acos's domain
    if (c > 1.0)
        c = 1.0;
    if (c < -1.0)
        c = -1.0;
    return acos(c);
}
