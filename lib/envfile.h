#ifndef GRPSUP_ENVFILE_H
#define GRPSUP_ENVFILE_H

#include <stddef.h>

#include "envscope.h"

/* The longest value a statement may set: an expansion past it is an error. */
#define ENVFILE_VALUE_MAX (1024 * 1024)
/*
 * envfile_parse: read the n bytes of text as an env file, the way docker
 * compose reads a .env file, and append each KEY=VALUE it sets to scope's
 * out, in order. A statement is "KEY=VALUE", with an optional "export "
 * before it and blanks allowed around '='; '#' begins a comment line, and a
 * comment after a value when a blank precedes it. Single quotes are literal
 * (but \' is a quote); double quotes take the escapes \n \t \r \\ \" \$ \'
 * (and \a \b \f \v; any other backslash stays as written); both may span
 * lines. Outside single quotes $VAR, ${VAR}, ${VAR:-default},
 * ${VAR-default}, ${VAR:+alt}, ${VAR+alt}, ${VAR:?message} and
 * ${VAR?message} take a value from the scope (the latest of out first); an
 * unset VAR is empty; $$ is one '$'; $( is refused (no command
 * substitution). A bare KEY takes grpsup's own value (and sets nothing when
 * grpsup has none). CRLF line ends are read as LF. Expansion is bounded: a
 * value longer than ENVFILE_VALUE_MAX, or more than the system's ARG_MAX
 * added to out by the scope's parses, is an error at its line, so that no
 * file can take all the memory. Returns the number of statements read, or
 * -1 with *line the line of the text at fault (from 1) and a one-line reason
 * in why (of size len); on ENOMEM the reason says so and errno is ENOMEM.
 */
int envfile_parse(const char *text, size_t n, struct envscope *scope,
    int *line, char *why, size_t len);

/*
 * envfile_key_length: the length of the KEY at the start of s (n bytes): A-Z
 * a-z 0-9 _, not beginning with a digit; 0 when there is none.
 */
size_t envfile_key_length(const char *s, size_t n);

#endif
