package fi.hel.callrec.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time the parts of the local stack spend, as the kernel counts it (/proc/PID/stat, Linux):
 * user and system time of every process whose command line names the part, and of its ended
 * children. Taken before and after a phase, it tells what one request cost each part, which decides
 * throughput when the parts share a machine's cores.
 */
final class ProcessCpu {

    /** Clock ticks per second of /proc/PID/stat: 100 on every Linux build in use. */
    private static final double TICKS_PER_MS = 0.1;

    /** A part of the stack: a process id, or texts that its processes' command lines all contain. */
    record Part(String name, long pid, String... commandLineContains) {

        static Part of(String name, String... commandLineContains) {
            return new Part(name, -1, commandLineContains);
        }

        /** The benchmark's own process: the client side of every request. */
        static Part self(String name) {
            return new Part(name, ProcessHandle.current().pid());
        }

        boolean matches(Path process, String command) {
            if (pid >= 0) {
                return process.getFileName().toString().equals(Long.toString(pid));
            }
            for (String text : commandLineContains) {
                if (!command.contains(text)) {
                    return false;
                }
            }
            return true;
        }
    }

    private ProcessCpu() {
    }

    /** CPU milliseconds spent so far by the processes of each part and the children they have waited for. */
    static Map<String, Double> read(Part... parts) {
        Map<String, Double> millis = new LinkedHashMap<>();
        for (Part part : parts) {
            millis.put(part.name(), 0.0);
        }
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String command = commandLine(process);
                if (command == null) {
                    continue;
                }
                for (Part part : parts) {
                    if (part.matches(process, command)) {
                        millis.merge(part.name(), ticks(process) / TICKS_PER_MS, Double::sum);
                        break;
                    }
                }
            }
        } catch (IOException e) {
            // Not Linux, or /proc is not readable: no figures, the benchmark itself goes on.
        }
        return millis;
    }

    /** Adds to {@code total} what each part spent between two readings. */
    static void accumulate(Map<String, Double> total, Map<String, Double> before, Map<String, Double> after) {
        after.forEach((part, ms) -> total.merge(part, ms - before.getOrDefault(part, 0.0), Double::sum));
    }

    /** One line: CPU milliseconds per request of each part between two readings. */
    static String perRequest(Map<String, Double> before, Map<String, Double> after, int requests) {
        StringBuilder line = new StringBuilder();
        double total = 0;
        for (Map.Entry<String, Double> e : after.entrySet()) {
            double ms = (e.getValue() - before.getOrDefault(e.getKey(), 0.0)) / requests;
            total += ms;
            line.append(String.format(Locale.ROOT, "%s %.1f, ", e.getKey(), ms));
        }
        return line.append(String.format(Locale.ROOT, "all %.1f", total)).toString();
    }

    private static String commandLine(Path process) {
        try {
            return new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    private static long ticks(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            // Fields after the command name in parentheses, which may itself hold spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime, then cutime and cstime: the time of children it has waited for, so that
            // PostgreSQL's postmaster keeps the time of the backends that ended between two readings.
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                    + Long.parseLong(fields[14]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
