package io.devstate.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * A throwaway, real PostgreSQL server for tests.
 *
 * <p>The cluster lives in a fresh temporary directory ({@code initdb}: trust authentication, UTF8,
 * locale C), listens on a free TCP port on 127.0.0.1 only (its unix socket stays inside the
 * temporary directory) and runs with durability switched off for speed. The non-superuser role
 * {@value #USER} (password {@value #PASSWORD}) owns the database {@value #DATABASE}; the bootstrap
 * superuser is {@value #SUPERUSER}.
 *
 * <p>Binaries are found by {@code scripts/lib/postgres.sh bindir}, as the scripts find them:
 * {@code PG_BIN}, {@code pg_config --bindir}, the newest {@code /usr/lib/postgresql/<version>/bin},
 * then {@code PATH}. The server itself runs as a child of this JVM rather than through
 * {@code pg_ctl}, so fault tests can see it exit and signal it directly. PostgreSQL
 * refuses to run as root, so when the JVM runs as root every server tool is started through
 * {@code runuser -u postgres --} and the temporary directory is handed to that OS user.
 *
 * <p>{@link #shared()} gives one server per JVM, even though Quarkus loads test classes in several
 * class loaders (one per application/test profile, plus the plain JUnit one): the server is owned
 * by the copy of this class in the system class loader and published as a platform MXBean; every
 * other copy talks to it through that MXBean. A JVM shutdown hook stops it and removes its
 * directory. Only the JDK and the PostgreSQL JDBC driver are used.
 */
public final class LocalPostgres {

    public static final String USER = "devstate";
    public static final String PASSWORD = "devstate";
    public static final String DATABASE = "devstate";
    public static final String SUPERUSER = "postgres";

    /** The JVM-wide control of the shared server; an MXBean so that every class loader can use it. */
    public interface ControlMXBean {
        int getPort();

        String getDirectory();

        boolean isRunning();

        void stop();

        void start();
    }

    private static final String OBJECT_NAME = "io.devstate.testsupport:type=LocalPostgres";

    private static LocalPostgres shared;

    private final ControlMXBean control;

    private LocalPostgres(ControlMXBean control) {
        this.control = control;
    }

    /**
     * A cluster of its own, for fault tests that stop, kill or freeze the server: nothing else uses
     * it. Commits are synchronous (unlike the shared server), so an acknowledged commit survives a
     * kill -9 of the postmaster. {@link #destroy()} removes it.
     */
    public static LocalPostgres dedicated() {
        return new LocalPostgres(Server.create(true));
    }

    /** Stops a {@link #dedicated()} cluster and removes its directory. */
    public void destroy() {
        if (!(control instanceof Server server)) {
            throw new IllegalStateException("only a dedicated cluster can be destroyed; the shared one outlives the tests");
        }
        server.destroyQuietly();
    }

    /** The postmaster's process id, from its postmaster.pid. */
    public long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(directory().resolve("data").resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL is not running: no postmaster.pid", e);
        }
    }

    /** Sends {@code signal} (e.g. {@code STOP}, {@code CONT}, {@code KILL}) to one server process. */
    public static void signal(long pid, String signal) {
        if (pid <= 1) {
            // kill 0 / -1 would signal this JVM's whole process group, or every process
            throw new IllegalArgumentException("not a server process id: " + pid);
        }
        run(List.of("kill", "-" + signal, Long.toString(pid)));
    }

    /**
     * Sends {@code signal} to the postmaster and every process it forked (the backends, the
     * checkpointer, ...): {@code STOP} freezes the whole server as a stalled machine would,
     * {@code CONT} resumes it. The postmaster goes first, so it forks nothing new meanwhile.
     */
    public void signalServer(String signal) {
        long postmaster = postmasterPid();
        signal(postmaster, signal);
        ProcessHandle.of(postmaster).ifPresent(handle -> handle.children()
                .forEach(child -> signal(child.pid(), signal)));
    }

    /**
     * Starts the server again after its postmaster was killed: orphaned backends hold the shared
     * memory for a moment after, so the start is retried for up to 30 s.
     */
    public void startAfterCrash() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                start();
                return;
            } catch (IllegalStateException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw notYet;
                }
            }
        }
    }

    /** {@code pg_ctl restart -m fast}: every connection is dropped, the data stays. */
    public void restart() {
        stop();
        start();
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The JVM-wide server, created and started on first use. A shutdown hook stops it and deletes
     * its directory. A test that calls {@link #stop()} must call {@link #start()} again when done:
     * this method does not restart a stopped server behind its back.
     */
    public static synchronized LocalPostgres shared() {
        if (shared == null) {
            shared = new LocalPostgres(sharedControl());
        }
        return shared;
    }

    public int port() {
        return control.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    public String databaseUrl() {
        return "postgres://" + USER + ":" + PASSWORD + "@127.0.0.1:" + port() + "/" + DATABASE;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** The directory holding the data directory, the socket directory and the logs. */
    public Path directory() {
        return Path.of(control.getDirectory());
    }

    /** Whether the server is running (false between {@link #stop()} and {@link #start()}). */
    public boolean isRunning() {
        return control.isRunning();
    }

    /**
     * A JDBC connection to the {@value #DATABASE} database as the bootstrap superuser, for tests
     * that tamper with data (e.g. {@code SET session_replication_role = replica} disables triggers).
     */
    public Connection superuserConnection() throws SQLException {
        return connect(port(), DATABASE, SUPERUSER, "");
    }

    /** A JDBC connection to the {@value #DATABASE} database as {@value #USER}. */
    public Connection connection() throws SQLException {
        return connect(port(), DATABASE, USER, PASSWORD);
    }

    /** Stops the server (fast shutdown), keeping its data and port for a later {@link #start()}. */
    public void stop() {
        control.stop();
    }

    /** Starts the server again on the same port and data; does nothing if it is running. */
    public void start() {
        control.start();
    }

    @Override
    public String toString() {
        return "LocalPostgres[127.0.0.1:" + port() + ", " + control.getDirectory()
                + (isRunning() ? ", running]" : ", stopped]");
    }

    // ---------------------------------------------------------------------------------------------
    // JVM-wide sharing

    private static ControlMXBean sharedControl() {
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = objectName();
        if (!mbeans.isRegistered(name)) {
            ClassLoader system = ClassLoader.getSystemClassLoader();
            if (LocalPostgres.class.getClassLoader() != system && startInSystemClassLoader(system)) {
                return JMX.newMXBeanProxy(mbeans, name, ControlMXBean.class);
            }
            Server server = Server.create();
            try {
                mbeans.registerMBean(new StandardMBean(server, ControlMXBean.class, true), name);
                Runtime.getRuntime().addShutdownHook(new Thread(server::destroyQuietly, "local-postgres-shutdown"));
                return server;
            } catch (InstanceAlreadyExistsException e) {
                server.destroyQuietly(); // another class loader won the race: use its server
            } catch (JMException e) {
                server.destroyQuietly();
                throw new IllegalStateException("Cannot register " + name, e);
            }
        }
        return JMX.newMXBeanProxy(mbeans, name, ControlMXBean.class);
    }

    /**
     * Lets the system class loader's copy of this class own the server: it lives as long as the
     * JVM, whereas a Quarkus class loader is closed when its application stops. Returns false if
     * that loader cannot see this class (the caller then owns the server itself).
     */
    private static boolean startInSystemClassLoader(ClassLoader system) {
        Class<?> owner;
        try {
            owner = Class.forName(LocalPostgres.class.getName(), true, system);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        try {
            owner.getMethod("shared").invoke(null);
            return true;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    private static ObjectName objectName() {
        try {
            return new ObjectName(OBJECT_NAME);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect(int port, String database, String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "5");
        props.setProperty("ApplicationName", "devstate-tests");
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
        // The driver is used directly rather than through DriverManager, which does not always see
        // it from Quarkus class loaders.
        Connection c = new org.postgresql.Driver().connect(url, props);
        if (c == null) {
            throw new SQLException("PostgreSQL driver rejected URL " + url);
        }
        return c;
    }

    // ---------------------------------------------------------------------------------------------

    /** One PostgreSQL cluster: a data directory, its server process and its logs. */
    private static final class Server implements ControlMXBean {

        private static final String OS_USER_WHEN_ROOT = "postgres";
        private static final long READY_TIMEOUT_MILLIS = TimeUnit.SECONDS.toMillis(30);
        private static final long TOOL_TIMEOUT_SECONDS = 120;
        private static final int START_ATTEMPTS = 3;
        private static final int LOG_TAIL_LINES = 40;

        private final Path binDir;
        private final Path baseDir;
        private final Path dataDir;
        private final Path socketDir;
        private final Path serverLog;
        private final Path toolLog;
        private final List<String> runAsPrefix;
        private final boolean durableCommits;
        private int port;
        private Process process;
        private boolean removed;

        private Server(Path binDir, Path baseDir, List<String> runAsPrefix, boolean durableCommits) {
            this.durableCommits = durableCommits;
            this.binDir = binDir;
            this.baseDir = baseDir;
            this.dataDir = baseDir.resolve("data");
            this.socketDir = baseDir.resolve("sock");
            this.serverLog = baseDir.resolve("postgres.log");
            this.toolLog = baseDir.resolve("tools.log");
            this.runAsPrefix = List.copyOf(runAsPrefix);
        }

        /** Creates, initialises and starts a new cluster in a fresh temporary directory. */
        static Server create() {
            return create(false);
        }

        static Server create(boolean durableCommits) {
            Path bin = findBinDir();
            boolean root = isRoot();
            Path base;
            try {
                base = Files.createTempDirectory("devstate-pg-");
                if (root) {
                    UserPrincipal owner = base.getFileSystem().getUserPrincipalLookupService()
                            .lookupPrincipalByName(OS_USER_WHEN_ROOT);
                    Files.setOwner(base, owner);
                }
                Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx------"));
            } catch (IOException e) {
                throw new IllegalStateException("Cannot prepare a temporary directory for PostgreSQL"
                        + (root ? " (running as root: the OS user '" + OS_USER_WHEN_ROOT
                                + "' must exist and be able to reach java.io.tmpdir)" : ""), e);
            }
            List<String> prefix = root ? List.of(runuser(), "-u", OS_USER_WHEN_ROOT, "--") : List.of();
            Server server = new Server(bin, base, prefix, durableCommits);
            try {
                server.initialise();
                return server;
            } catch (RuntimeException | Error e) {
                server.destroyQuietly();
                throw e;
            }
        }

        @Override
        public synchronized int getPort() {
            return port;
        }

        @Override
        public String getDirectory() {
            return baseDir.toString();
        }

        @Override
        public synchronized boolean isRunning() {
            return process != null && process.isAlive();
        }

        @Override
        public synchronized void stop() {
            if (process == null) {
                return;
            }
            try {
                if (process.isAlive()) {
                    int fast = runTool(pgCtl("stop", "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "30"));
                    if (fast != 0 && process.isAlive()) {
                        runTool(pgCtl("stop", "-D", dataDir.toString(), "-m", "immediate", "-w", "-t", "30"));
                    }
                }
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    if (!process.waitFor(10, TimeUnit.SECONDS)) {
                        throw failure("PostgreSQL (pid " + process.pid() + ") did not stop", null);
                    }
                }
                process = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("Interrupted while stopping PostgreSQL", e);
            }
        }

        @Override
        public synchronized void start() {
            if (isRunning()) {
                return;
            }
            if (removed) {
                throw new IllegalStateException("This PostgreSQL cluster has been removed: " + baseDir);
            }
            if (!startServer()) {
                throw failure("PostgreSQL failed to start on 127.0.0.1:" + port, null);
            }
        }

        synchronized void destroyQuietly() {
            try {
                stop();
            } catch (RuntimeException e) {
                System.err.println("LocalPostgres: " + e.getMessage());
            }
            removed = true;
            deleteRecursively(baseDir);
        }

        private synchronized void initialise() {
            int init = runTool(command(binDir.resolve("initdb").toString(), "-D", dataDir.toString(),
                    "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--locale=C", "-N"));
            if (init != 0) {
                throw failure("initdb failed (exit " + init + ")", null);
            }
            mkdirOwnedByServer(socketDir);
            appendToFile(dataDir.resolve("postgresql.conf"), "\ninclude 'devstate.conf'\n");

            for (int attempt = 1; ; attempt++) {
                port = freePort();
                writeSettings();
                if (startServer()) {
                    break;
                }
                // Another process may have taken the port between probing and binding: try another one.
                if (attempt >= START_ATTEMPTS || !tail(serverLog).contains("could not bind")) {
                    throw failure("PostgreSQL failed to start on 127.0.0.1:" + port, null);
                }
            }

            try (Connection c = connect(port, "postgres", SUPERUSER, ""); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + USER + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION"
                        + " PASSWORD '" + PASSWORD + "'");
                s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER + " ENCODING 'UTF8' TEMPLATE template0");
            } catch (SQLException e) {
                throw failure("Cannot create role and database '" + USER + "'", e);
            }
        }

        private void writeSettings() {
            String settings = String.join("\n",
                    "# Written by io.devstate.testsupport.LocalPostgres: a throwaway cluster for tests.",
                    "listen_addresses = '127.0.0.1'",
                    "port = " + port,
                    "unix_socket_directories = '" + socketDir.toString().replace("'", "''") + "'",
                    "max_connections = 200",
                    "fsync = off",
                    "synchronous_commit = " + (durableCommits ? "on" : "off"),
                    "full_page_writes = off",
                    "wal_level = minimal",
                    "max_wal_senders = 0",
                    "timezone = 'UTC'",
                    "log_timezone = 'UTC'",
                    "lc_messages = 'C'",
                    "");
            Path file = dataDir.resolve("devstate.conf");
            try {
                Files.writeString(file, settings, StandardCharsets.UTF_8);
                if (!runAsPrefix.isEmpty()) {
                    Files.setOwner(file, Files.getOwner(dataDir));
                }
            } catch (IOException e) {
                throw failure("Cannot write " + file, e);
            }
        }

        /**
         * Runs the postmaster as a child of this JVM (so it is reaped here and an early exit is
         * noticed at once) and waits until it accepts TCP connections. False if it exited.
         */
        private boolean startServer() {
            List<String> cmd = command(binDir.resolve("postgres").toString(), "-D", dataDir.toString());
            appendToFile(toolLog, "$ " + String.join(" ", cmd) + "  (output: " + serverLog + ")\n");
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .directory(baseDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(serverLog.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            cleanEnvironment(pb);
            try {
                process = pb.start();
            } catch (IOException e) {
                throw failure("Cannot run " + String.join(" ", cmd), e);
            }
            return awaitReady();
        }

        /** Waits for a TCP connection to succeed; false if the server process exited meanwhile. */
        private boolean awaitReady() {
            long deadline = System.currentTimeMillis() + READY_TIMEOUT_MILLIS;
            SQLException last = null;
            while (System.currentTimeMillis() < deadline) {
                if (!process.isAlive()) {
                    return false;
                }
                try (Connection c = connect(port, "postgres", SUPERUSER, "")) {
                    if (c.isValid(5)) {
                        return true;
                    }
                } catch (SQLException e) {
                    last = e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw failure("Interrupted while waiting for PostgreSQL", e);
                }
            }
            process.destroyForcibly();
            throw failure("PostgreSQL did not accept connections on 127.0.0.1:" + port + " within "
                    + TimeUnit.MILLISECONDS.toSeconds(READY_TIMEOUT_MILLIS) + " s", last);
        }

        private List<String> pgCtl(String... args) {
            return command(binDir.resolve("pg_ctl").toString(), args);
        }

        private List<String> command(String executable, String... args) {
            List<String> cmd = new ArrayList<>(runAsPrefix);
            cmd.add(executable);
            cmd.addAll(Arrays.asList(args));
            return cmd;
        }

        private int runTool(List<String> cmd) {
            appendToFile(toolLog, "$ " + String.join(" ", cmd) + "\n");
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .directory(baseDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(toolLog.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            cleanEnvironment(pb);
            try {
                Process p = pb.start();
                if (!p.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw failure("Timed out after " + TOOL_TIMEOUT_SECONDS + " s: " + String.join(" ", cmd), null);
                }
                return p.exitValue();
            } catch (IOException e) {
                throw failure("Cannot run " + String.join(" ", cmd), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("Interrupted while running " + String.join(" ", cmd), e);
            }
        }

        private static void cleanEnvironment(ProcessBuilder pb) {
            pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
            pb.environment().put("LC_ALL", "C");
        }

        private void mkdirOwnedByServer(Path dir) {
            try {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                if (!runAsPrefix.isEmpty()) {
                    Files.setOwner(dir, Files.getOwner(dataDir));
                }
            } catch (IOException e) {
                throw failure("Cannot create " + dir, e);
            }
        }

        private static void appendToFile(Path file, String text) {
            try {
                Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + file, e);
            }
        }

        private IllegalStateException failure(String message, Throwable cause) {
            StringBuilder sb = new StringBuilder(message)
                    .append("\n  binaries: ").append(binDir)
                    .append("\n  directory: ").append(baseDir);
            if (!runAsPrefix.isEmpty()) {
                sb.append("\n  run as: ").append(String.join(" ", runAsPrefix));
            }
            String tools = tail(toolLog);
            if (!tools.isEmpty()) {
                sb.append("\n--- tail of ").append(toolLog).append(" ---\n").append(tools);
            }
            String server = tail(serverLog);
            if (!server.isEmpty()) {
                sb.append("\n--- tail of ").append(serverLog).append(" ---\n").append(server);
            }
            return new IllegalStateException(sb.toString(), cause);
        }

        private static String tail(Path file) {
            try {
                if (!Files.isReadable(file)) {
                    return "";
                }
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
            } catch (IOException | UncheckedIOException e) {
                return "(cannot read " + file + ": " + e.getMessage() + ")";
            }
        }

        private static void deleteRecursively(Path dir) {
            if (!Files.exists(dir)) {
                return;
            }
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        // best effort: a leftover temporary file must not fail the build
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                System.err.println("LocalPostgres: cannot remove " + dir + ": " + e.getMessage());
            }
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot find a free TCP port on 127.0.0.1", e);
            }
        }

        /**
         * The directory {@code scripts/lib/postgres.sh bindir} prints: the scripts' own lookup, so
         * the tests and {@code .ci/run} / {@code start-local.sh} always agree on which PostgreSQL runs.
         */
        private static Path findBinDir() {
            ExternalProcess.Result lookup;
            try {
                lookup = ExternalProcess.of("bash", "scripts/lib/postgres.sh", "bindir").separateStderr()
                        .timeout(Duration.ofSeconds(30)).run();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run bash scripts/lib/postgres.sh bindir", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while looking for PostgreSQL", e);
            }
            if (!lookup.succeeded()) {
                throw new IllegalStateException(lookup.stderr().strip() + " (looked in $PG_BIN, pg_config --bindir, "
                        + "/usr/lib/postgresql/*/bin, PATH). Install them (Debian/Ubuntu: apt-get install postgresql) "
                        + "or set PG_BIN to their directory; as root, scripts/lib/postgres.sh installs them.");
            }
            return Path.of(lookup.stdout().strip());
        }

        private static boolean isRoot() {
            try {
                Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
                if (uid instanceof Integer) {
                    return (Integer) uid == 0;
                }
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                // not Linux: fall back to the user name
            }
            return "root".equals(System.getProperty("user.name", "").toLowerCase(Locale.ROOT));
        }

        private static String runuser() {
            for (String candidate : List.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser")) {
                if (Files.isExecutable(Path.of(candidate))) {
                    return candidate;
                }
            }
            return "runuser";
        }
    }
}
