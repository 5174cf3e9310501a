/*
 * funnelplan CLI — the man page and the bash completion, written by the
 * program itself from the tables that drive its parser and --help
 * (tables.h), so that neither can drift from what the program accepts.
 * SPDX-License-Identifier: MIT
 *
 * Two hidden modes, not listed in --help because they are for the build
 * (bindings/cli/meson.build runs them and installs what they print):
 *
 *   funnelplan --generate-man              funnelplan(1) in roff, man(7) macros
 *   funnelplan --generate-bash-completion  a script for bash's `complete`
 *
 * The man page has NAME, SYNOPSIS (every command's usage), DESCRIPTION (the
 * commands and their summaries), COMMANDS (one subsection per command: its
 * usage, description, every option with its help text, the CSV layout),
 * OPTIONS (every option once, with the commands that take it and what it
 * means to each; --help and --version), NUMBERS and FILES (@FILE) from the
 * text --help shows, EXIT STATUS, EXAMPLES (every command's example) and
 * SEE ALSO. Text is escaped for roff: a backslash is \e, every hyphen is \-
 * (so options copy and paste as typed), a line never starts with '.' or
 * '\'' (\& is put before it), and a character outside ASCII is \[uXXXX].
 *
 * The completion completes the commands (and --help, --version) first; then
 * the options of the command being completed; the values of --format that
 * command takes (from the --format table) and of --per (the library's period
 * names); files after '@' (@FILE) and as the value of an option whose
 * metavar is FILE. Every other value (a stage name, an amount, a rate) is
 * free text and completes to nothing. --option=VALUE is understood whether
 * or not '=' is in COMP_WORDBREAKS.
 */

#include "cli.h"
#include "tables.h"

#include "funnelplan.h"

#include <stdarg.h>
#include <string.h>

/* ---- roff ------------------------------------------------------------------ */

/* Appends n bytes of text escaped for roff (not at the start of a line). */
static void roff_put(cli_buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; ++i) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\') {
            cli_buf_puts(out, "\\e");
        } else if (c == '-') {
            cli_buf_puts(out, "\\-");
        } else if (c < 0x80) {
            cli_buf_putc(out, (char)c);
        } else {
            /* A UTF-8 sequence as \[uXXXX]; a stray byte as U+FFFD. */
            size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            unsigned long cp = len == 4 ? c & 0x07u : len == 3 ? c & 0x0Fu : c & 0x1Fu;
            bool ok = len > 1 && i + len <= n;
            for (size_t k = 1; ok && k < len; ++k) {
                unsigned char cc = (unsigned char)s[i + k];
                ok = (cc & 0xC0u) == 0x80u;
                cp = (cp << 6) | (cc & 0x3Fu);
            }
            if (!ok) {
                cp = 0xFFFDu;
                len = 1;
            }
            cli_buf_printf(out, "\\[u%04lX]", cp);
            i += len - 1;
        }
    }
}

static void roff_puts(cli_buf *out, const char *s)
{
    roff_put(out, s, strlen(s));
}

/* Appends fmt, each %s in it replaced by the next argument escaped for
 * roff (roff_put); the rest of fmt is roff already. */
static void roff_say(cli_buf *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (const char *p; (p = strstr(fmt, "%s")) != NULL; fmt = p + 2) {
        cli_buf_put(out, fmt, (size_t)(p - fmt));
        /* ap is started above: a false positive of the analyzer's va_list
         * check (as LLVM bug 41311), which it reports on some runs only */
        /* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
        roff_puts(out, va_arg(ap, const char *));
    }
    va_end(ap);
    cli_buf_puts(out, fmt);
}

/* Appends one text line (its leading blanks dropped: in roff they would
 * break the line), guarded so it can never be read as a request. */
static void roff_line(cli_buf *out, const char *s, size_t n)
{
    while (n > 0 && (*s == ' ' || *s == '\t')) {
        ++s;
        --n;
    }
    if (n > 0 && (*s == '.' || *s == '\'')) {
        cli_buf_puts(out, "\\&");
    }
    roff_put(out, s, n);
    cli_buf_putc(out, '\n');
}

/* Appends a text of '\n'-separated lines: as filled text (an empty line
 * starts a new paragraph), or (verbatim) each line as it is, its leading
 * blanks kept by a \& before them (an example's continuation lines). */
static void roff_lines(cli_buf *out, const char *text, bool verbatim)
{
    for (const char *s = text; *s != '\0';) {
        const char *end = strchr(s, '\n');
        size_t n = end != NULL ? (size_t)(end - s) : strlen(s);
        if (verbatim) {
            cli_buf_puts(out, "\\&");
            roff_put(out, s, n);
            cli_buf_putc(out, '\n');
        } else if (n == 0) {
            cli_buf_puts(out, ".PP\n");
        } else {
            roff_line(out, s, n);
        }
        s += n + (s[n] == '\n');
    }
}

static void roff_text(cli_buf *out, const char *text)
{
    roff_lines(out, text, false);
}

/* Appends an option's help text (its limits filled in, cli_buf_help) as
 * filled text. */
static void roff_help(cli_buf *out, const char *help)
{
    cli_buf text = {0};
    cli_buf_help(&text, help);
    cli_buf_putc(&text, '\0');
    if (text.oom) {
        out->oom = true;
    } else {
        roff_text(out, text.data);
    }
    cli_buf_free(&text);
}

/* "\fBfunnelplan\fR plan ..." for a usage line that starts with the
 * program's name, else the escaped line. */
static void roff_usage(cli_buf *out, const char *usage)
{
    static const char prog[] = "funnelplan";
    if (strncmp(usage, prog, sizeof prog - 1) == 0) {
        roff_say(out, "\\fBfunnelplan\\fR%s\n", usage + sizeof prog - 1);
    } else {
        roff_line(out, usage, strlen(usage));
    }
}

/* .TP and the tag of an option: \fB--stage\fR \fINAME=RATE\fR. */
static void roff_option_tag(cli_buf *out, const cli_option *o)
{
    roff_say(out, ".TP\n\\fB%s\\fR", o->name);
    roff_say(out, o->metavar != NULL ? " \\fI%s\\fR\n" : "\n", o->metavar);
}

static void roff_option(cli_buf *out, const cli_option *o, bool help)
{
    if (help) {
        roff_help(out, o->help);
    }
    cli_buf_puts(out, o->repeat ? ".br\nMay be given more than once.\n" : "");
}

/* EXIT STATUS: a tagged paragraph per status ("N text" without what
 * follows it in --help), its lines as text lines; an entry that is not
 * "N text" goes on the paragraph before it as it is. */
static void roff_exit_status(cli_buf *out, const cli_tables *t)
{
    for (size_t i = 0; i < t->n_exit_statuses; ++i) {
        const char *s = t->exit_statuses[i];
        if (s[0] < '0' || s[0] > '9') {
            roff_text(out, s);
            continue;
        }
        size_t n = strlen(s);
        while (n > 0 && strchr(" ;\n.", s[n - 1]) != NULL) {
            --n;
        }
        const char *sp = memchr(s, ' ', n);
        cli_buf_puts(out, ".TP\n.B ");
        cli_buf_put(out, s, (size_t)(sp - s));
        cli_buf_putc(out, '\n');
        for (const char *line = sp + 1; line < s + n;) {
            const char *nl = memchr(line, '\n', (size_t)(s + n - line));
            const char *end = nl != NULL ? nl : s + n;
            roff_line(out, line, (size_t)(end - line));
            line = end + 1;
        }
    }
}

/* Whether two rows are the same option to a reader: the same name and
 * metavar (--start YYYY-MM of schedule and --start DATE of pace are not). */
static bool same_option(const cli_option *a, const cli_option *b)
{
    return strcmp(a->name, b->name) == 0 &&
           (a->metavar == NULL ? b->metavar == NULL
                               : b->metavar != NULL && strcmp(a->metavar, b->metavar) == 0);
}

/* Appends the names of the commands in a set of CMD_* bits: "plan, odds". */
static void roff_command_names(cli_buf *out, const cli_tables *t, unsigned bits)
{
    bool any = false;
    for (size_t i = 0; i < t->n_commands; ++i) {
        if (bits & t->commands[i].bit) {
            cli_buf_puts(out, any ? ", " : "");
            roff_puts(out, t->commands[i].name);
            any = true;
        }
    }
}

/* OPTIONS: every option once (first-row order), each help text it has
 * under the names of the commands that see it; no command list for an
 * option every command takes with the same help. */
static void roff_option_index(cli_buf *out, const cli_tables *t)
{
    unsigned all = 0;
    for (size_t i = 0; i < t->n_commands; ++i) {
        all |= t->commands[i].bit;
    }
    for (size_t k = 0; k < t->n_options; ++k) {
        const cli_option *o = &t->options[k];
        bool seen = false;
        for (size_t j = 0; j < k && !seen; ++j) {
            seen = same_option(&t->options[j], o);
        }
        if (seen || !(o->commands & all)) {
            continue;
        }
        roff_option_tag(out, o);
        bool first = true;
        for (size_t j = k; j < t->n_options; ++j) {
            const cli_option *v = &t->options[j];
            if (!same_option(v, o) || !(v->commands & all)) {
                continue;
            }
            if (!first) {
                cli_buf_puts(out, ".br\n");
            }
            first = false;
            if ((v->commands & all) != all) {
                cli_buf_puts(out, "\\fI");
                roff_command_names(out, t, v->commands & all);
                cli_buf_puts(out, "\\fR:\n");
            }
            roff_help(out, v->help);
        }
        roff_option(out, o, false);
    }
}

static int generate_man(const cli_tables *t, cli_buf *out)
{
    cli_buf_puts(out,
                 ".\\\" funnelplan(1), written by `funnelplan --generate-man` from the\n"
                 ".\\\" program's own tables (bindings/cli/gen.c): do not edit.\n");
    cli_buf_puts(out, ".TH FUNNELPLAN 1 \"\" \"funnelplan ");
    roff_puts(out, fpl_version_string());
    cli_buf_puts(out, "\" \"User Commands\"\n");
    /* No hyphenation and a ragged right: the text is full of option names
     * and CSV column names, which must not be split or stretched. */
    cli_buf_puts(out, ".nh\n.ad l\n");

    cli_buf_puts(out, ".SH NAME\n"
                      "funnelplan \\- plan a sales funnel backward from a target or forward "
                      "from a volume\n");

    cli_buf_puts(out, ".SH SYNOPSIS\n");
    for (size_t i = 0; i < t->n_commands; ++i) {
        roff_usage(out, t->commands[i].usage);
        cli_buf_puts(out, ".br\n");
    }
    cli_buf_puts(out, "\\fBfunnelplan\\fR \\fICOMMAND\\fR \\fB\\-\\-help\\fR\n.br\n"
                      "\\fBfunnelplan\\fR \\fBhelp\\fR [\\fICOMMAND\\fR]\n.br\n"
                      "\\fBfunnelplan\\fR \\fB\\-\\-help\\fR | \\fB\\-\\-version\\fR\n");

    cli_buf_puts(out,
                 ".SH DESCRIPTION\n"
                 "\\fBfunnelplan\\fR plans a sales funnel: an ordered list of stages, top\n"
                 "first, each with the rate at which the units entering it reach the next\n"
                 "stage (the last stage's rate is its win rate). Targets and volumes are\n"
                 "per period: a month, a quarter or a year.\n"
                 ".PP\n"
                 "The first argument names the command; the options follow, the funnel\n"
                 "given as \\fB\\-\\-stage\\fR options, top first. The answer is written to\n"
                 "standard output in the format chosen with \\fB\\-\\-format\\fR; an error is\n"
                 "one line on standard error, starting with \\(lqfunnelplan: \\(rq, and\n"
                 "nothing is written to standard output. The program never reads the\n"
                 "locale: numbers mean the same everywhere (see\n"
                 ".BR NUMBERS ).\n"
                 ".PP\n"
                 "The commands:\n");
    for (size_t i = 0; i < t->n_commands; ++i) {
        roff_say(out, ".TP\n.B %s\n", t->commands[i].name);
        roff_text(out, t->commands[i].summary);
    }

    cli_buf_puts(out, ".SH COMMANDS\n");
    for (size_t i = 0; i < t->n_commands; ++i) {
        const cli_command *c = &t->commands[i];
        roff_say(out, ".SS %s\n", c->name);
        roff_usage(out, c->usage);
        cli_buf_puts(out, ".PP\n");
        roff_text(out, c->description);
        roff_say(out, ".PP\nOptions of \\fB%s\\fR:\n", c->name);
        for (size_t k = 0; k < t->n_options; ++k) {
            if (t->options[k].commands & c->bit) {
                roff_option_tag(out, &t->options[k]);
                roff_option(out, &t->options[k], true);
            }
        }
        cli_buf_puts(out, ".PP\n");
        roff_text(out, c->csv);
    }

    cli_buf_puts(out, ".SH OPTIONS\n"
                      "Every option, with the commands that take it and what it means\n"
                      "to them (\\fBCOMMANDS\\fR gives each command's options in order):\n");
    roff_option_index(out, t);
    cli_buf_puts(out, ".PP\nWithout a command:\n"
                      ".TP\n\\fB\\-\\-help\\fR\n"
                      "show the list of commands and exit; \\fBfunnelplan \\fICOMMAND\\fB "
                      "\\-\\-help\\fR shows a command's options\n"
                      ".TP\n\\fB\\-h\\fR, \\fBhelp\\fR [\\fICOMMAND\\fR]\n"
                      "the same as \\fB\\-\\-help\\fR [\\fICOMMAND\\fR]; "
                      "\\fBfunnelplan \\fICOMMAND\\fB \\-h\\fR is "
                      "\\fBfunnelplan \\fICOMMAND\\fB \\-\\-help\\fR\n"
                      ".TP\n\\fB\\-\\-version\\fR\n"
                      "print the version and exit\n");

    cli_buf_puts(out, ".SH NUMBERS\n");
    roff_line(out, t->numbers_lead, strlen(t->numbers_lead));
    for (size_t i = 0; i < t->n_number_kinds; ++i) {
        roff_say(out, ".TP\n\\fI%s\\fR\n", t->number_kinds[i][0]);
        roff_line(out, t->number_kinds[i][1], strlen(t->number_kinds[i][1]));
    }

    cli_buf_puts(out, ".SH EXIT STATUS\n");
    roff_exit_status(out, t);

    cli_buf_puts(out, ".SH FILES\n");
    roff_text(out, t->files_help);
    cli_buf_puts(out, ".PP\n"
                      "For instance, a file \\fIsaas.funnel\\fR holding the lines\n"
                      ".PP\n.RS 4\n.nf\n"
                      "# the funnel of the SaaS business\n"
                      "\\-\\-stage lead=10%\n"
                      "\\-\\-stage opportunity=1/3\n"
                      "\\-\\-deal\\-size 4000\n"
                      ".fi\n.RE\n.PP\n"
                      "is used as \\fBfunnelplan plan @saas.funnel \\-\\-deals 12\\fR.\n");

    cli_buf_puts(out, ".SH EXAMPLES\n");
    for (size_t i = 0; i < t->n_commands; ++i) {
        const cli_command *c = &t->commands[i];
        /* the shell command, unfilled */
        roff_say(out, ".PP\n\\fB%s\\fR: %s.\n.PP\n.RS 4\n.nf\n", c->name, c->summary);
        roff_lines(out, c->example, true);
        cli_buf_puts(out, ".fi\n.RE\n");
    }

    cli_buf_puts(out, ".SH SEE ALSO\n"
                      ".BR pkg\\-config (1)\n"
                      "(\\fBpkg\\-config \\-\\-cflags \\-\\-libs funnelplan\\fR builds a program\n"
                      "against the C library, whose API is in \\fIfunnelplan.h\\fR);\n"
                      "the Python package, \\fBpython3 \\-m pydoc funnelplan\\fR;\n"
                      "the guide, \\fIdocs/guide.md\\fR, and \\fIREADME.md\\fR in the source.\n");
    return CLI_EXIT_OK;
}

/* ---- bash completion ------------------------------------------------------- */

/* Whether an option's value is a file name: its metavar is FILE or ends
 * in FILE (CSV_FILE). */
static bool takes_file(const cli_option *o)
{
    static const char file[] = "FILE";
    size_t n = o->metavar != NULL ? strlen(o->metavar) : 0;
    return n >= sizeof file - 1 && strcmp(o->metavar + n - (sizeof file - 1), file) == 0;
}

/* Appends the distinct option names of a command (table order): every one,
 * space separated (WHICH_ALL), or as a case pattern ('|' separated) the
 * options that take a value (WHICH_VALUE) or a file name (WHICH_FILE, after
 * the case's indentation). Returns whether there was any. */
enum { WHICH_ALL, WHICH_VALUE, WHICH_FILE };
static bool put_option_names(cli_buf *out, const cli_tables *t, unsigned bit, int which)
{
    bool any = false;
    for (size_t k = 0; k < t->n_options; ++k) {
        const cli_option *o = &t->options[k];
        if (!(o->commands & bit) || (which == WHICH_VALUE && o->metavar == NULL) ||
            (which == WHICH_FILE && !takes_file(o))) {
            continue;
        }
        bool seen = false;
        for (size_t j = 0; j < k && !seen; ++j) {
            seen = (t->options[j].commands & bit) && strcmp(t->options[j].name, o->name) == 0;
        }
        if (!seen) {
            cli_buf_printf(out, "%s%s",
                           any ? (which == WHICH_ALL ? " " : "|")
                               : (which == WHICH_FILE ? "        " : ""),
                           o->name);
            any = true;
        }
    }
    return any;
}

static int generate_bash_completion(const cli_tables *t, cli_buf *out)
{
    cli_buf_puts(out,
                 "# bash completion for funnelplan(1)\n"
                 "# Written by `funnelplan --generate-bash-completion` from the program's own\n"
                 "# tables (bindings/cli/gen.c): do not edit.\n"
                 "\n"
                 "# Completes a file name: $2 is the name so far, $1 what comes before\n"
                 "# it in the word ('@' for @FILE, --option= for --option=FILE).\n"
                 "_funnelplan_files()\n"
                 "{\n"
                 "    local IFS=$'\\n' i\n"
                 "    COMPREPLY=($(compgen -f -- \"$2\"))\n"
                 "    for i in \"${!COMPREPLY[@]}\"; do\n"
                 "        [[ -d ${COMPREPLY[i]} ]] && COMPREPLY[i]+=/\n"
                 "        COMPREPLY[i]=$1${COMPREPLY[i]}\n"
                 "    done\n"
                 "    if ((${#COMPREPLY[@]} == 1)) && [[ ${COMPREPLY[0]} == */ ]]; then\n"
                 "        compopt -o nospace 2>/dev/null\n"
                 "    fi\n"
                 "    return 0\n"
                 "}\n"
                 "\n"
                 "_funnelplan()\n"
                 "{\n"
                 "    local cur=${COMP_WORDS[COMP_CWORD]} prev= opt= pre= eq= cmd= i w\n"
                 "    local commands='");
    for (size_t i = 0; i < t->n_commands; ++i) {
        cli_buf_printf(out, "%s%s", i > 0 ? " " : "", t->commands[i].name);
    }
    cli_buf_puts(out,
                 "'\n"
                 "    local periods='");
    for (int p = 0; p < FPL_PERIOD_COUNT; ++p) {
        cli_buf_printf(out, "%s%s", p > 0 ? " " : "", fpl_period_name((fpl_period)p));
    }
    cli_buf_puts(out,
                 "'\n"
                 "    COMPREPLY=()\n"
                 "    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}\n"
                 "    # The option whose value is being completed, if any. --option=VALUE\n"
                 "    # is one word, or three (--option, =, VALUE) when '=' breaks words.\n"
                 "    if [[ $cur == --*=* ]]; then\n"
                 "        opt=${cur%%=*} pre=${cur%%=*}= cur=${cur#*=} eq=1\n"
                 "    elif [[ $cur == = && $prev == --* ]]; then\n"
                 "        opt=$prev cur= eq=1\n"
                 "    elif [[ $prev == = ]] && ((COMP_CWORD > 1)) &&\n"
                 "        [[ ${COMP_WORDS[COMP_CWORD - 2]} == --* ]]; then\n"
                 "        opt=${COMP_WORDS[COMP_CWORD - 2]} eq=1\n"
                 "    elif [[ $prev == --* ]]; then\n"
                 "        opt=$prev\n"
                 "    fi\n"
                 "    if [[ -z $eq && $cur == @* ]]; then\n"
                 "        _funnelplan_files @ \"${cur#@}\"\n"
                 "        return 0\n"
                 "    fi\n"
                 "    # help COMMAND, -h COMMAND, --help COMMAND: a command, then nothing.\n"
                 "    if ((COMP_CWORD > 1)); then\n"
                 "        case ${COMP_WORDS[1]} in\n"
                 "        help | -h | --help)\n"
                 "            ((COMP_CWORD == 2)) && COMPREPLY=($(compgen -W \"$commands\" -- \"$cur\"))\n"
                 "            return 0\n"
                 "            ;;\n"
                 "        esac\n"
                 "    fi\n"
                 "    # The command: the first word that names one.\n"
                 "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
                 "        w=${COMP_WORDS[i]}\n"
                 "        if [[ \" $commands \" == *\" $w \"* ]]; then\n"
                 "            cmd=$w\n"
                 "            break\n"
                 "        fi\n"
                 "    done\n"
                 "    if [[ -z $cmd ]]; then\n"
                 "        if ((COMP_CWORD == 1)); then\n"
                 "            COMPREPLY=($(compgen -W \"$commands help --help -h --version\" -- \"$cur\"))\n"
                 "        fi\n"
                 "        return 0\n"
                 "    fi\n"
                 "    local options= formats=\n"
                 "    case $cmd in\n");
    for (size_t i = 0; i < t->n_commands; ++i) {
        const cli_command *c = &t->commands[i];
        cli_buf_printf(out, "    %s)\n        options='", c->name);
        put_option_names(out, t, c->bit, WHICH_ALL);
        cli_buf_puts(out, "'\n        formats='");
        bool any = false;
        for (size_t f = 0; f < t->n_formats; ++f) {
            if (t->formats[f].commands & c->bit) {
                cli_buf_printf(out, "%s%s", any ? " " : "", t->formats[f].name);
                any = true;
            }
        }
        cli_buf_puts(out, "'\n        case $opt in\n        --format | --per) ;;\n");
        if (put_option_names(out, t, c->bit, WHICH_FILE)) {
            cli_buf_puts(out, ") opt=FILE ;;\n");
        }
        cli_buf_puts(out, "        ");
        if (put_option_names(out, t, c->bit, WHICH_VALUE)) {
            cli_buf_puts(out, ")\n            return 0 ;; # free text\n        ");
        }
        cli_buf_puts(out, "*) opt= ;; # a flag, or not an option of the command\n"
                          "        esac\n"
                          "        ;;\n");
    }
    cli_buf_puts(out,
                 "    *) return 0 ;;\n"
                 "    esac\n"
                 "    case $opt in\n"
                 "    --format) COMPREPLY=($(compgen -W \"$formats\" -- \"$cur\")) ;;\n"
                 "    --per) COMPREPLY=($(compgen -W \"$periods\" -- \"$cur\")) ;;\n"
                 "    FILE)\n"
                 "        _funnelplan_files \"$pre\" \"$cur\"\n"
                 "        return 0\n"
                 "        ;;\n"
                 "    *) [[ -z $eq ]] && COMPREPLY=($(compgen -W \"$options\" -- \"$cur\")) ;;\n"
                 "    esac\n"
                 "    if [[ -n $pre ]]; then\n"
                 "        COMPREPLY=(\"${COMPREPLY[@]/#/$pre}\")\n"
                 "    fi\n"
                 "    return 0\n"
                 "} &&\n"
                 "    complete -F _funnelplan funnelplan\n");
    return CLI_EXIT_OK;
}

/* ---- the hidden modes ------------------------------------------------------ */

int cli_generate(const cli_args *args, cli_buf *out)
{
    const char *mode = args->v[0];
    int (*gen)(const cli_tables *, cli_buf *) = NULL;
    if (strcmp(mode, "--generate-man") == 0) {
        gen = generate_man;
    } else if (strcmp(mode, "--generate-bash-completion") == 0) {
        gen = generate_bash_completion;
    } else {
        cli_error("unknown option '%s' (see funnelplan --help)", mode);
        return CLI_EXIT_USAGE;
    }
    if (args->n > 1) {
        cli_error("%s: unexpected argument '%s'", mode, args->v[1]);
        return CLI_EXIT_USAGE;
    }
    return gen(&cli_program_tables, out);
}
