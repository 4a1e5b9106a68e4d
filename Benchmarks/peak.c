/* Runs a command and reports its peak resident memory, measured from a small parent so that the
 * parent's own memory never counts (Linux carries the pre-exec high-water mark into the child).
 *
 *   cc -O2 peak.c -o peak && PEAK_OUT=FILE ./peak CMD ARGS...
 * exits with CMD's status and writes "peak-kib N" to FILE (to stderr without PEAK_OUT).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: peak CMD ARGS...\n"); return 2; }
    pid_t pid = fork();
    if (pid < 0) { perror("fork"); return 2; }
    if (pid == 0) { execvp(argv[1], argv + 1); perror("exec"); _exit(127); }
    int status = 0;
    struct rusage usage;
    if (wait4(pid, &status, 0, &usage) < 0) { perror("wait4"); return 2; }
    const char *out = getenv("PEAK_OUT");
    FILE *report = out ? fopen(out, "w") : stderr;
    if (report) { fprintf(report, "peak-kib %ld\n", usage.ru_maxrss); if (out) fclose(report); }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
