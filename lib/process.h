/* grpsup's own process: what supervising needs of it. */
#ifndef GRPSUP_PROCESS_H
#define GRPSUP_PROCESS_H

#include <sys/resource.h>
#include <sys/types.h>

/*
 * process_setup: make this process fit to supervise: an empty signal mask (an
 * inherited blocked signal would never reach sigq's handler), and, on Linux
 * when not PID 1, a child subreaper, so that orphaned descendants come to
 * grpsup instead of to init. SIGPIPE is sigq_open's (ignored).
 */
void process_setup(void);

/*
 * process_raise_nofile: raise the soft RLIMIT_NOFILE to the hard one (each
 * program holds two pipes: a thousand programs need more than the usual
 * 1024). Stores the limit as it was in *was. Returns 1 when it was raised
 * (children should get *was back), else 0.
 */
int process_raise_nofile(struct rlimit *was);

/* process_has_terminal: whether this process has a controlling terminal. */
int process_has_terminal(void);

/*
 * process_terminal_fd: the terminal on standard input when this process's
 * group is its foreground (it may hand the foreground on), else -1.
 */
int process_terminal_fd(void);

/*
 * process_give_terminal: make pgid the foreground process group of the
 * terminal fd, also from the background (SIGTTOU is held back meanwhile).
 */
void process_give_terminal(int fd, pid_t pgid);

/*
 * process_group_alive: whether process group pgid still has a process (a
 * zombie not yet reaped counts), in one system call.
 */
int process_group_alive(pid_t pgid);

/* process_has_children: whether a child remains, running or not reaped. */
int process_has_children(void);

/*
 * process_stopped: whether process pid is stopped now (job control), as
 * /proc says; 0 when it runs, is gone, or /proc cannot tell.
 */
int process_stopped(pid_t pid);

#endif
