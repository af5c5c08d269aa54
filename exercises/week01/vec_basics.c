/*
 * vec_basics.c — week 1, "Essence of linear algebra 1–8".
 * Watch: 3Blue1Brown, Essence of linear algebra, videos 1–3 (vectors, span, linear maps)
 * and 9 (dot products and duality).
 *
 * A vector here is a plain array of n doubles. Write four small functions:
 *
 *   vec_dot(x, y, n)      returns x·y = Σᵢ xᵢyᵢ.
 *   vec_norm(x, n)        returns the length ‖x‖₂ = √(x·x).
 *   vec_axpy(a, x, y, n)  updates y in place: y ← a·x + y ("a x plus y"; x is not changed).
 *                         It is the workhorse of elimination and of gradient descent.
 *   vec_angle(x, y, n)    returns the angle θ between x and y in radians, in [0, π], from
 *                         cos θ = x·y / (‖x‖‖y‖). If x or y is the zero vector there is no
 *                         angle: return NAN. Mind rounding — the ratio can land a hair
 *                         outside [−1, 1], where acos is not defined.
 *
 * NAN, sqrt and acos come from <math.h>.
 *
 * Check it: la4ai check vec_basics
 */
#include <math.h>

#include "la4ai.h"

double vec_dot(const double *x, const double *y, int n)
{
    (void)x;
    (void)y;
    (void)n;
    /* TODO */
    return 0.0;
}

double vec_norm(const double *x, int n)
{
    (void)x;
    (void)n;
    /* TODO */
    return 0.0;
}

void vec_axpy(double a, const double *x, double *y, int n)
{
    (void)a;
    (void)x;
    (void)y;
    (void)n;
    /* TODO */
}

double vec_angle(const double *x, const double *y, int n)
{
    (void)x;
    (void)y;
    (void)n;
    /* TODO */
    return 0.0;
}
