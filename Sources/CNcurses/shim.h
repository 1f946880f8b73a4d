#ifndef IDEATE_CNCURSES_SHIM_H
#define IDEATE_CNCURSES_SHIM_H

// Wide-character ncurses for Swift. The defines must come before the header: they turn on
// cchar_t, setcchar, get_wch (NCURSES_WIDECHAR, _XOPEN_SOURCE_EXTENDED) and wcwidth (_XOPEN_SOURCE).
#define _XOPEN_SOURCE 700
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1

#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <sys/ioctl.h>

// Stands in for the A_NORMAL macro.
static inline attr_t ideate_attr_normal(void) { return A_NORMAL; }
// Stands in for the A_BOLD macro.
static inline attr_t ideate_attr_bold(void) { return A_BOLD; }
// Stands in for the A_REVERSE macro.
static inline attr_t ideate_attr_reverse(void) { return A_REVERSE; }
// Stands in for the A_UNDERLINE macro.
static inline attr_t ideate_attr_underline(void) { return A_UNDERLINE; }
// Stands in for the A_DIM macro.
static inline attr_t ideate_attr_dim(void) { return A_DIM; }
// Stands in for the COLOR_PAIR(n) macro.
static inline attr_t ideate_color_pair(int pair) { return (attr_t)COLOR_PAIR(pair); }
// Stands in for the getmaxy(win) macro.
static inline int ideate_max_y(WINDOW *window) { return getmaxy(window); }
// Stands in for the getmaxx(win) macro.
static inline int ideate_max_x(WINDOW *window) { return getmaxx(window); }
// Stands in for the stdscr global (a macro over a function in some builds).
static inline WINDOW *ideate_stdscr(void) { return stdscr; }
// Stands in for the KEY_F(n) macro.
static inline int ideate_key_f(int n) { return KEY_F(n); }

// setcchar + mvwadd_wch for one grapheme (up to 5 wide characters), without variadics.
static inline int ideate_put_cell(WINDOW *window, int y, int x, const wchar_t *text, attr_t attributes, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attributes, pair, NULL) != OK) return ERR;
    return mvwadd_wch(window, y, x, &cell);
}

// Stands in for the variadic ioctl(TIOCGWINSZ): the size of the terminal on `fd`, or ERR.
static inline int ideate_window_size(int fd, int *rows, int *columns) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return ERR;
    *rows = size.ws_row;
    *columns = size.ws_col;
    return OK;
}

#endif
