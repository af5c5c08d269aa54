/*
 * tui_term.c — the TUI's one terminal module: starting and restoring curses, colours (with a
 * monochrome fallback and NO_COLOR), UTF-8 or ASCII glyphs by locale, signals, keys and the
 * mouse wheel, running an editor on the terminal, and drawing markup text (see tui_int.h).
 *
 * Signals: SIGINT, SIGTERM and SIGHUP only set a flag that the main loop reads. A crash of
 * la4ai itself (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT) kills the children we track,
 * restores the terminal and re-raises the signal, so the shell gets back a sane terminal
 * and the usual core/exit status. atexit() restores it on any other exit.
 */
#define _GNU_SOURCE
#include "tui_int.h"
#include "plot.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wchar.h>

TuiCaps tui_caps;

/* ---- colours --------------------------------------------------------------------------- */

typedef struct {
    short fg8, bg8; attr_t a8;        /* 8/16-colour terminals */
    short fg256, bg256; attr_t a256;  /* 256 colours */
    attr_t mono;                      /* no colour */
} RoleStyle;

static const RoleStyle styles[R_COUNT] = {
    [R_NORMAL]   = { -1, -1, A_NORMAL, -1, -1, A_NORMAL, A_NORMAL },
    [R_TITLEBAR] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, 231, 24, A_BOLD, A_REVERSE },
    [R_HEADING]  = { COLOR_CYAN, -1, A_BOLD, 81, -1, A_BOLD, A_BOLD | A_UNDERLINE },
    [R_SUBHEAD]  = { COLOR_YELLOW, -1, A_BOLD, 179, -1, A_BOLD, A_BOLD },
    [R_DIM]      = { -1, -1, A_DIM, 246, -1, A_NORMAL, A_DIM },
    [R_EMPH]     = { -1, -1, A_BOLD, -1, -1, A_BOLD, A_BOLD },
    [R_CODE]     = { COLOR_GREEN, -1, A_NORMAL, 114, -1, A_NORMAL, A_BOLD },
    [R_BLOCK]    = { COLOR_WHITE, COLOR_BLACK, A_NORMAL, 253, 236, A_NORMAL, A_NORMAL },
    [R_FORMULA]  = { COLOR_YELLOW, -1, A_BOLD, 222, -1, A_NORMAL, A_BOLD },
    [R_ML]       = { COLOR_MAGENTA, -1, A_BOLD, 177, -1, A_BOLD, A_BOLD },
    [R_WHEN]     = { COLOR_BLUE, -1, A_BOLD, 75, -1, A_BOLD, A_BOLD },
    [R_PASS]       = { COLOR_GREEN, -1, A_BOLD, 78, -1, A_BOLD, A_BOLD },
    [R_FAIL]     = { COLOR_RED, -1, A_BOLD, 203, -1, A_BOLD, A_BOLD },
    [R_WARN]     = { COLOR_YELLOW, -1, A_NORMAL, 214, -1, A_NORMAL, A_BOLD },
    [R_LINK]     = { COLOR_BLUE, -1, A_UNDERLINE, 39, -1, A_UNDERLINE, A_UNDERLINE },
    [R_SEL]      = { COLOR_BLACK, COLOR_WHITE, A_NORMAL, 231, 25, A_BOLD, A_REVERSE },
    [R_KEY]      = { COLOR_CYAN, -1, A_BOLD, 81, -1, A_BOLD, A_BOLD },
    [R_FULL]     = { COLOR_GREEN, -1, A_NORMAL, 71, -1, A_NORMAL, A_NORMAL },
    [R_EMPTY]    = { -1, -1, A_DIM, 240, -1, A_NORMAL, A_NORMAL },
    [R_MARK]     = { COLOR_CYAN, -1, A_BOLD, 45, -1, A_BOLD, A_BOLD },
};

static attr_t role_attr[R_COUNT];

static void colours_start(void)
{
    const char *no = getenv("NO_COLOR"), *force = getenv("LA4AI_COLOR");
    tui_caps.color = has_colors() && !(no && *no);
    if (force && *force)
        tui_caps.color = tui_caps.color && strcmp(force, "0") != 0;
    if (tui_caps.color && start_color() == OK) {
        use_default_colors();
        tui_caps.colors = COLORS;
        bool rich = COLORS >= 256 && COLOR_PAIRS > R_COUNT;
        for (int r = 0; r < R_COUNT; r++) {
            const RoleStyle *st = &styles[r];
            init_pair((short)(r + 1), rich ? st->fg256 : st->fg8, rich ? st->bg256 : st->bg8);
            role_attr[r] = COLOR_PAIR(r + 1) | (rich ? st->a256 : st->a8);
        }
    } else {
        tui_caps.color = false;
        for (int r = 0; r < R_COUNT; r++)
            role_attr[r] = styles[r].mono;
    }
}

void tui_attr(Role r)
{
    attrset(role_attr[r < R_COUNT ? r : R_NORMAL]);
}

const char *tui_role(Role r)
{
    static char codes[R_COUNT][3];
    codes[r][0] = TM_ROLE;
    codes[r][1] = (char)('A' + r);
    return codes[r];
}

/* ---- glyphs and ASCII stand-ins ---------------------------------------------------------- */

static const char *const glyphs[G_COUNT][2] = {   /* UTF-8, ASCII */
    [G_CHECK] = { "✓", "+" },   [G_CROSS] = { "✗", "x" },   [G_DOT] = { "·", "." },
    [G_BULLET] = { "•", "*" },  [G_HLINE] = { "─", "-" },   [G_GUTTER] = { "│", "|" },
    [G_ARROW] = { "›", ">" },   [G_LAB] = { "▸", ">" },     [G_ELLIPSIS] = { "…", "..." },
    [G_DASH] = { "—", "-" },    [G_SELBAR] = { "▌", ">" },  [G_MIDDOT] = { "·", "-" },
};

const char *tui_glyph(Glyph g)
{
    return glyphs[g][tui_caps.utf8 ? 0 : 1];
}

const char *tui_spinner(int frame)
{
    static const char *const braille[] = { "⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏" };
    static const char *const ascii[] = { "|", "/", "-", "\\" };
    return tui_caps.utf8 ? braille[frame % 10] : ascii[frame % 4];
}

typedef struct { unsigned cp; const char *ascii; } StandIn;

static const StandIn stand_ins[] = {   /* sorted by code point */
    { 0x00A0, " " }, { 0x00B0, "deg" }, { 0x00B1, "+-" }, { 0x00B2, "^2" }, { 0x00B3, "^3" },
    { 0x00B7, "*" }, { 0x00B9, "^1" }, { 0x00BD, "1/2" }, { 0x00D7, "x" }, { 0x00E4, "a" },
    { 0x00E9, "e" }, { 0x00EE, "i^" }, { 0x00F7, "/" }, { 0x0135, "j^" }, { 0x0175, "w^" },
    { 0x0177, "y^" }, { 0x02E2, "^s" }, { 0x0302, "^" }, { 0x039B, "Lambda" },
    { 0x03A3, "Sum" }, { 0x03A9, "Omega" }, { 0x03B1, "alpha" }, { 0x03B2, "beta" },
    { 0x03B3, "gamma" }, { 0x03B4, "delta" }, { 0x03B5, "eps" }, { 0x03B6, "zeta" },
    { 0x03B7, "eta" }, { 0x03B8, "theta" }, { 0x03BA, "kappa" }, { 0x03BB, "lambda" },
    { 0x03BC, "mu" }, { 0x03C0, "pi" }, { 0x03C1, "rho" }, { 0x03C3, "sigma" },
    { 0x03C6, "phi" }, { 0x1D40, "^T" }, { 0x1D48, "^d" }, { 0x1D4F, "^k" }, { 0x1D50, "^m" },
    { 0x1D56, "^p" }, { 0x1D62, "_i" }, { 0x1D63, "_r" }, { 0x2013, "-" }, { 0x2014, "--" },
    { 0x2016, "||" }, { 0x2018, "'" }, { 0x2019, "'" }, { 0x201C, "\"" }, { 0x201D, "\"" },
    { 0x2022, "*" }, { 0x2026, "..." }, { 0x2032, "'" }, { 0x2070, "^0" }, { 0x2074, "^4" },
    { 0x2075, "^5" }, { 0x2076, "^6" }, { 0x2077, "^7" }, { 0x2078, "^8" }, { 0x2079, "^9" },
    { 0x207A, "^+" }, { 0x207B, "^-" }, { 0x207F, "^n" }, { 0x2080, "_0" }, { 0x2081, "_1" },
    { 0x2082, "_2" }, { 0x2083, "_3" }, { 0x2084, "_4" }, { 0x2085, "_5" }, { 0x2086, "_6" },
    { 0x2087, "_7" }, { 0x2088, "_8" }, { 0x2089, "_9" }, { 0x208B, "_-" }, { 0x2096, "_k" },
    { 0x2099, "_n" }, { 0x209B, "_s" }, { 0x2113, "l" }, { 0x211D, "R" }, { 0x2154, "2/3" },
    { 0x2190, "<-" }, { 0x2191, "^" }, { 0x2192, "->" }, { 0x2193, "v" }, { 0x21A6, "|->" },
    { 0x21D2, "=>" }, { 0x21D4, "<=>" }, { 0x2202, "d" }, { 0x2207, "grad" }, { 0x2208, "in" },
    { 0x2211, "Sum" }, { 0x2212, "-" }, { 0x221A, "sqrt" }, { 0x221D, "~" }, { 0x221E, "inf" },
    { 0x2248, "~" }, { 0x2260, "!=" }, { 0x2264, "<=" }, { 0x2265, ">=" }, { 0x226A, "<<" },
    { 0x226B, ">>" }, { 0x2272, "<~" }, { 0x2282, "(" }, { 0x2286, "(=" }, { 0x22C5, "*" },
    { 0x22EF, "..." }, { 0x2500, "-" }, { 0x2502, "|" }, { 0x250C, "+" }, { 0x2510, "+" },
    { 0x2514, "+" }, { 0x2518, "+" }, { 0x251C, "+" }, { 0x2524, "+" }, { 0x252C, "+" },
    { 0x2534, "+" }, { 0x253C, "+" }, { 0x2550, "=" }, { 0x2551, "|" }, { 0x2580, "\"" },
    { 0x2584, "." }, { 0x2588, "#" }, { 0x2589, "#" }, { 0x258A, "#" }, { 0x258B, "#" },
    { 0x258C, "#" }, { 0x258D, "#" }, { 0x258E, "#" }, { 0x258F, "#" }, { 0x2591, "-" },
    { 0x2592, ":" }, { 0x2593, "%" }, { 0x25B6, ">" }, { 0x25B8, ">" }, { 0x25CF, "o" },
    { 0x2697, "L" }, { 0x2713, "+" }, { 0x2717, "x" }, { 0x27C2, "_|_" }, { 0x2C7C, "_j" },
};

static int cmp_stand_in(const void *key, const void *elem)
{
    unsigned cp = *(const unsigned *)key, e = ((const StandIn *)elem)->cp;
    return cp < e ? -1 : cp > e;
}

static const char *ascii_for(unsigned cp)
{
    if (cp >= 0x2800 && cp <= 0x28FF) /* braille dots of a chart */
        return cp == 0x2800 ? " " : ".";
    const StandIn *s = bsearch(&cp, stand_ins, sizeof stand_ins / sizeof *stand_ins,
                               sizeof *stand_ins, cmp_stand_in);
    return s ? s->ascii : "?";
}

/* Decodes one UTF-8 character: its code point and length (1 with U+FFFD when invalid). */
static int utf8_decode(const char *s, unsigned *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    int len = u[0] < 0x80 ? 1 : u[0] >> 5 == 6 ? 2 : u[0] >> 4 == 14 ? 3 : u[0] >> 3 == 30 ? 4 : 0;
    if (len == 0) {
        *cp = 0xFFFD;
        return 1;
    }
    unsigned c = len == 1 ? u[0] : u[0] & (0x7F >> len);
    for (int i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        c = c << 6 | (u[i] & 0x3F);
    }
    *cp = c;
    return len;
}

/* The length of a markup code at s (0 when s is not one). */
static int markup_len(const char *s)
{
    if (s[0] == TM_ROLE)
        return s[1] ? 2 : 1;
    if (s[0] == TM_BAR) {
        const char *end = strchr(s, ';');
        return end ? (int)(end - s) + 1 : (int)strlen(s);
    }
    return 0;
}

char *tui_text(const char *utf8)
{
    StrBuf b = { 0 };
    sb_add(&b, "");
    char script_run = 0; /* '^' or '_' while inside a run of super- or subscripts */
    for (const char *p = utf8 ? utf8 : ""; *p;) {
        int m = markup_len(p);
        if (m) {
            sb_addn(&b, p, (size_t)m);
            p += m;
            continue;
        }
        unsigned cp;
        int len = utf8_decode(p, &cp);
        if (cp == '\t')
            sb_add(&b, " ");
        else if (cp == '\n')
            sb_add(&b, "\n");
        else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
            ; /* control characters are dropped */
        else if (cp < 0x80 || (tui_caps.utf8 && cp != 0xFFFD))
            sb_addn(&b, p, (size_t)len);
        else {
            const char *a = tui_caps.utf8 ? "?" : ascii_for(cp);
            bool script = (a[0] == '^' || a[0] == '_') && a[1] && a[1] != '|';
            sb_add(&b, script && script_run == a[0] ? a + 1 : a); /* 10⁻¹⁶ → 10^-16 */
            script_run = script ? a[0] : 0;
            p += len;
            continue;
        }
        script_run = 0;
        p += len;
    }
    return sb_take(&b);
}

static int char_width(unsigned cp)
{
    if (cp < 0x80 || !tui_caps.utf8)
        return 1;
    int w = wcwidth((wchar_t)cp);
    return w < 0 ? 1 : w;
}

int tui_width_n(const char *s, int n)
{
    int cols = 0;
    const char *end = n < 0 ? s + strlen(s) : s + n;
    for (const char *p = s; p < end && *p;) {
        int m = markup_len(p);
        if (m) {
            if (*p == TM_BAR)
                cols += atoi(p + 1);
            p += m;
            continue;
        }
        unsigned cp;
        p += utf8_decode(p, &cp);
        cols += char_width(cp);
    }
    return cols;
}

int tui_prefix(const char *s, int cols)
{
    int used = 0;
    const char *p = s;
    while (*p) {
        int m = markup_len(p), w;
        unsigned cp;
        int len = m ? m : utf8_decode(p, &cp);
        w = m ? (*p == TM_BAR ? atoi(p + 1) : 0) : char_width(cp);
        if (used + w > cols)
            break;
        used += w;
        p += len;
    }
    return (int)(p - s);
}

/* ---- drawing -------------------------------------------------------------------------- */

typedef struct {        /* a run of characters in one role, flushed with addnwstr */
    wchar_t buf[128];
    int n;
} Run;

static void run_flush(Run *r)
{
    if (r->n)
        addnwstr(r->buf, r->n);
    r->n = 0;
}

static void run_add(Run *r, unsigned cp)
{
    if (r->n == (int)(sizeof r->buf / sizeof *r->buf))
        run_flush(r);
    r->buf[r->n++] = (wchar_t)cp;
}

/* Draws the cells of a bar (plot_bar's text, ending at ';'): filled and partly filled cells
   in R_FULL, empty ones ('░' or '-') in R_EMPTY; then goes back to role `back`. */
static void draw_bar(Run *run, const char *cells, Role back)
{
    run_flush(run);
    for (const char *p = cells; *p && *p != ';';) {
        unsigned cp;
        int len = utf8_decode(p, &cp);
        tui_attr(cp == 0x2591 || cp == '-' ? R_EMPTY : R_FULL);
        addnstr(p, len);
        p += len;
    }
    tui_attr(back);
}

int tui_draw(int y, int x, int maxw, const char *s, Role base)
{
    if (maxw <= 0 || y < 0 || y >= LINES)
        return 0;
    bool cut = maxw > 1 && tui_width(s) > maxw; /* cut: the last column says so */
    if (cut)
        maxw--;
    move(y, x);
    tui_attr(base);
    Role cur = base;
    Run run = { .n = 0 };
    int cols = 0;
    for (const char *p = s; *p;) {
        if (*p == TM_ROLE) {
            if (!p[1])
                break;
            Role r = (Role)(p[1] - 'A');
            if (base != R_SEL && r < R_COUNT && r != cur) { /* a selected row keeps one role */
                run_flush(&run);
                tui_attr(r);
                cur = r;
            }
            p += 2;
            continue;
        }
        if (*p == TM_BAR) {
            int w = atoi(p + 1);
            const char *colon = strchr(p, ':');
            if (cols + w > maxw)
                break;
            if (colon)
                draw_bar(&run, colon + 1, cur);
            cols += w;
            p += markup_len(p);
            continue;
        }
        unsigned cp;
        int len = utf8_decode(p, &cp);
        if (cp == '\n')
            break;
        int w = char_width(cp);
        if (cols + w > maxw)
            break;
        if (tui_caps.utf8)
            run_add(&run, cp);
        else {
            run_flush(&run);
            addch(cp < 0x80 ? (chtype)cp : '?');
        }
        cols += w;
        p += len;
    }
    run_flush(&run);
    if (cut) {
        addstr(tui_caps.utf8 ? "…" : "~");
        cols++;
    }
    return cols;
}

int tui_drawf(int y, int x, int maxw, Role base, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    StrBuf b = { 0 };
    sb_vaddf(&b, fmt, ap);
    va_end(ap);
    char *s = sb_take(&b), *t = tui_text(s);
    int n = tui_draw(y, x, maxw, t, base);
    free(s), free(t);
    return n;
}

void tui_blank(int y, int x, int w, Role r)
{
    if (w <= 0 || y < 0 || y >= LINES)
        return;
    tui_attr(r);
    mvhline(y, x, ' ', w);
}

void tui_bar(StrBuf *b, double fraction, int width)
{
    PlotStyle style = { .utf8 = tui_caps.utf8, .color = false }; /* roles colour it */
    char *cells = plot_bar(fraction, width, style);
    sb_addf(b, "%c%d:%s;", TM_BAR, width, cells);
    free(cells);
}

/* ---- keys --------------------------------------------------------------------------- */

const char *tui_key_name(int key)
{
    static const struct { int key; const char *utf8, *ascii; } names[] = {
        { KEY_UP, "↑", "Up" }, { KEY_DOWN, "↓", "Down" }, { KEY_LEFT, "←", "Left" },
        { KEY_RIGHT, "→", "Right" }, { KEY_NPAGE, "PgDn", "PgDn" }, { KEY_PPAGE, "PgUp", "PgUp" },
        { KEY_HOME, "Home", "Home" }, { KEY_END, "End", "End" }, { '\n', "Enter", "Enter" },
        { '\r', "Enter", "Enter" }, { KEY_ENTER, "Enter", "Enter" }, { ' ', "Space", "Space" },
        { KEY_ESC, "Esc", "Esc" }, { KEY_BACKSPACE, "Backspace", "Backspace" },
        { 127, "Backspace", "Backspace" }, { '\t', "Tab", "Tab" },
        { KEY_BTAB, "Shift-Tab", "Shift-Tab" }, { KEY_RESIZE, "resize", "resize" },
        { TUI_WHEEL_UP, "wheel up", "wheel up" }, { TUI_WHEEL_DOWN, "wheel down", "wheel down" },
        { KEY_F(1), "F1", "F1" }, { KEY_DC, "Delete", "Delete" }, { 8, "Backspace", "Backspace" },
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (names[i].key == key)
            return tui_caps.utf8 ? names[i].utf8 : names[i].ascii;
    static char buf[4][16];
    static int next;
    char *b = buf[next++ % 4];
    if (key > 0 && key < 27)
        snprintf(b, 16, "Ctrl-%c", 'A' + key - 1);
    else if (key >= 32 && key < 127)
        snprintf(b, 16, "%c", key);
    else
        snprintf(b, 16, "#%d", key);
    return b;
}

int tui_term_key(int timeout_ms)
{
    timeout(timeout_ms);
    wint_t wc;
    int r = get_wch(&wc);
    if (r == ERR)
        return ERR;
    if (r == KEY_CODE_YES) {
        if (wc == KEY_MOUSE) {
            MEVENT ev;
            if (getmouse(&ev) != OK)
                return ERR;
            if (ev.bstate & BUTTON4_PRESSED)
                return TUI_WHEEL_UP;
#ifdef BUTTON5_PRESSED
            if (ev.bstate & BUTTON5_PRESSED)
                return TUI_WHEEL_DOWN;
#endif
            return ERR;
        }
        return (int)wc;
    }
    return wc < 0x80 ? (int)wc : (int)wc | TUI_WIDE;
}

bool tui_term_small(void)
{
    return LINES < 24 || COLS < 80;
}

/* ---- signals ---------------------------------------------------------------------------- */

static volatile sig_atomic_t stop_signal;
static volatile sig_atomic_t curses_on;
static volatile pid_t tracked[8];

static void on_stop(int sig)
{
    stop_signal = sig;
}

static void on_crash(int sig)
{
    for (int i = 0; i < 8; i++)
        if (tracked[i] > 0)
            kill(-tracked[i], SIGKILL);
    if (curses_on) {
        curses_on = 0;
        endwin(); /* not async-signal-safe, but the process is ending: the terminal first */
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP };
static const int crash_signals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };

static void handlers_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_stop;
    for (size_t i = 0; i < sizeof stop_signals / sizeof *stop_signals; i++)
        sigaction(stop_signals[i], &sa, NULL);
    sa.sa_handler = on_crash;
    sa.sa_flags = SA_RESETHAND;
    for (size_t i = 0; i < sizeof crash_signals / sizeof *crash_signals; i++)
        sigaction(crash_signals[i], &sa, NULL);
}

int tui_term_stop_signal(void)
{
    return stop_signal;
}

void tui_term_track(pid_t pgid, bool on)
{
    for (int i = 0; i < 8; i++)
        if (on ? tracked[i] == 0 : tracked[i] == pgid) {
            tracked[i] = on ? pgid : 0;
            return;
        }
}

/* ---- start and end ------------------------------------------------------------------------ */

void tui_term_done(void)
{
    if (!curses_on)
        return;
    curses_on = 0;
    curs_set(1);
    endwin();
}

int tui_term_init(char *err, size_t errlen)
{
    setlocale(LC_ALL, "");
    const char *codeset = nl_langinfo(CODESET);
    tui_caps.utf8 = codeset && (!strcasecmp(codeset, "UTF-8") || !strcasecmp(codeset, "utf8"));
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        snprintf(err, errlen, "the course needs a terminal (use `la4ai list` in scripts)");
        return -1;
    }
    set_escdelay(25);
    if (!newterm(NULL, stdout, stdin)) {
        snprintf(err, errlen, "cannot use this terminal (TERM=%s)",
                 getenv("TERM") ? getenv("TERM") : "");
        return -1;
    }
    curses_on = 1;
    static bool registered;
    if (!registered) {
        atexit(tui_term_done);
        registered = true;
    }
    cbreak();
    noecho();
    nonl();
    intrflush(stdscr, FALSE);
    keypad(stdscr, TRUE);
    curs_set(0);
    colours_start();
#ifdef BUTTON5_PRESSED
    mousemask(BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
#else
    mousemask(BUTTON4_PRESSED, NULL);
#endif
    mouseinterval(0);
    handlers_install(); /* after newterm: ours replace the ones curses put in */
    return 0;
}

int tui_term_run(char *const argv[], char *err, size_t errlen)
{
    def_prog_mode();
    endwin();
    struct sigaction ign, old_int, old_quit;
    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGINT, &ign, &old_int);  /* as system() does: Ctrl-C belongs to the editor */
    sigaction(SIGQUIT, &ign, &old_quit);
    int status = -1;
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGINT, SIG_DFL);
        signal(SIGQUIT, SIG_DFL);
        execvp(argv[0], argv);
        fprintf(stderr, "la4ai: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    if (pid < 0)
        snprintf(err, errlen, "cannot start %s: %s", argv[0], strerror(errno));
    else {
        int st;
        while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
            ;
        status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    }
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGQUIT, &old_quit, NULL);
    reset_prog_mode();
    clearok(curscr, TRUE);
    refresh();
    return status;
}
