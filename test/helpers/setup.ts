/**
 * Loaded by mocha (.mocharc.json `require`) in its main process and in each parallel worker.
 * mocha's CLI sets Error.stackTraceLimit to Infinity when it starts, undoing the
 * --stack-trace-limit=0 it is given; the Pulumi SDK captures a stack trace for every promise it
 * creates, so every plan in a test paid for (and kept) deep traces: about 1.8x the CPU of a plan
 * run the way the tools run it. Back to 0.
 */
Error.stackTraceLimit = 0;
