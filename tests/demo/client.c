/*
 * client: a demo client.  Usage: client PORT...  Connects to each port on
 * 127.0.0.1, retrying for up to 5 s while the server starts, prints what it
 * answers, and exits 0 when every server answered.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int
ask(const char *port)
{
	struct timespec pause = { 0, 20 * 1000 * 1000 };
	struct sockaddr_in sa;
	char buf[128];
	ssize_t n;
	int s, tries;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)atoi(port));
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	for (tries = 0; tries < 250; tries++) {
		if ((s = socket(AF_INET, SOCK_STREAM, 0)) == -1)
			return -1;
		if (connect(s, (struct sockaddr *)&sa, sizeof(sa)) == 0)
			break;
		close(s);
		s = -1;
		nanosleep(&pause, NULL);
	}
	if (s == -1) {
		fprintf(stderr, "client: nobody answers on port %s\n", port);
		return -1;
	}
	n = read(s, buf, sizeof(buf) - 1);
	close(s);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	printf("client: port %s says: %s", port, buf);
	return 0;
}

int
main(int argc, char **argv)
{
	int i, failed = 0;

	for (i = 1; i < argc; i++)
		if (ask(argv[i]) == -1)
			failed = 1;
	fflush(stdout);
	return failed;
}
