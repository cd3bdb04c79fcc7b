package dev.redstring.neo4jlocal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Starts an embedded Neo4j Community DBMS with a Bolt connector on 127.0.0.1.
 *
 * Usage: Main <dataDirectory> <boltPort>
 *
 * Prints "REDSTRING_NEO4J_READY bolt://127.0.0.1:<port>" once Bolt accepts connections, and shuts the
 * DBMS down cleanly (committed transactions flushed, store files closed) on SIGTERM or SIGINT.
 * Authentication is off because the connector only listens on loopback.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: Main <dataDirectory> <boltPort>");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port;
        try {
            port = Integer.parseInt(args[1]);
        } catch (NumberFormatException e) {
            System.err.println("boltPort must be a number, got: " + args[1]);
            System.exit(2);
            return;
        }

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(60))
                // Saved queries are user-written Cypher: cap what one transaction may hold in memory, so a
                // runaway read (collect() over a huge range, a cartesian product) fails with a memory error
                // instead of exhausting the heap shared by every other query. Raise with -Dredstring.txmemory.
                .setConfig(GraphDatabaseSettings.memory_transaction_max_size,
                        ByteUnit.parse(System.getProperty("redstring.txmemory", "512m")))
                // A small page cache by default: the dev and test graphs are small, and the machine is shared
                // with Node and Chromium. Raise it with -Dredstring.pagecache=4g for big imports.
                .setConfig(GraphDatabaseSettings.pagecache_memory,
                        ByteUnit.parse(System.getProperty("redstring.pagecache", "512m")))
                // Bolt waits 5 s twice on shutdown for clients that are already gone; on loopback 1 s is plenty,
                // so Ctrl-C on `npm start` returns promptly. The store itself is closed before this wait.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("REDSTRING_NEO4J_STOPPING");
            dbms.shutdown();
            System.out.println("REDSTRING_NEO4J_STOPPED");
            System.out.flush();
            stopped.countDown();
        }, "neo4j-shutdown"));

        if (Boolean.getBoolean("redstring.exitOnStdinEof")) {
            exitWhenParentGoesAway();
        }

        // Touch the default database so the ready line means "queries will work", not just "port open".
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
        System.out.println("REDSTRING_NEO4J_READY bolt://127.0.0.1:" + port);
        System.out.flush();
        stopped.await();
    }

    /**
     * The Node script that launched us holds our stdin open. If that script dies without signalling us
     * (kill -9, a crashed terminal), stdin reaches EOF and we exit through the shutdown hook, so no
     * orphaned Java process keeps the store locked.
     */
    private static void exitWhenParentGoesAway() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // ignore anything written to us; only EOF matters
                }
            } catch (java.io.IOException ignored) {
                // a broken pipe means the parent is gone too
            }
            System.exit(0);
        }, "parent-watchdog");
        watcher.setDaemon(true);
        watcher.start();
    }
}
