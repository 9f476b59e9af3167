package io.anklume.incus;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.newsclub.net.unix.AFSocketFactory;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** Builds the HTTP client for an endpoint: the local unix socket, or HTTPS with a pinned server. */
final class Transports {
    /** The base URL of requests over the unix socket (see {@link #baseUrl}). */
    static final String UNIX_SOCKET_BASE_URL = "http://[::1]";

    private Transports() {}

    static OkHttpClient http(IncusConfig config) {
        if (config.endpoint() instanceof IncusConfig.Endpoint.UnixSocket) {
            loadSecurityProvidersAside();
        }
        Dispatcher dispatcher = new Dispatcher();
        // Applies, waits and event streams run side by side; OkHttp's default of 5 per host is too few.
        dispatcher.setMaxRequests(128);
        dispatcher.setMaxRequestsPerHost(128);
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(16, 1, TimeUnit.MINUTES))
                .callTimeout(config.callTimeout())
                .readTimeout(config.callTimeout())
                .connectTimeout(java.time.Duration.ofSeconds(10))
                .pingInterval(java.time.Duration.ofSeconds(30))
                .retryOnConnectionFailure(true);
        if (config.endpoint() instanceof IncusConfig.Endpoint.UnixSocket unix) {
            // Plain HTTP only: otherwise OkHttp makes a TLS socket factory up front, loading the JDK's
            // trust store (tens of milliseconds of start-up) for a socket that never uses it.
            b.socketFactory(unixSockets(unix.path()))
                    .connectionSpecs(List.of(ConnectionSpec.CLEARTEXT))
                    .dns(hostname -> List.of(InetAddress.getLoopbackAddress()));
        } else if (config.endpoint() instanceof IncusConfig.Endpoint.Https https) {
            PinnedTrust trust = new PinnedTrust(https.serverFingerprintSha256());
            b.sslSocketFactory(sslContext(https, trust).getSocketFactory(), trust)
                    .hostnameVerifier((host, session) -> true); // the certificate itself is pinned
        }
        return b.build();
    }

    /**
     * OkHttp's first call looks at the JDK's first security provider (to prefer Conscrypt), which
     * instantiates all of them: ~60 ms cold, which the first request would wait for even over the unix
     * socket. Done on a thread of its own while the client is built, it is over by the first call.
     */
    private static void loadSecurityProvidersAside() {
        Thread t = new Thread(java.security.Security::getProviders, "security-providers");
        t.setDaemon(true);
        t.start();
    }

    static String baseUrl(IncusConfig config) {
        if (config.endpoint() instanceof IncusConfig.Endpoint.Https https) {
            String url = https.url().toString();
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
        // The socket factory ignores the host, so any will do; an IPv6 literal is the one host OkHttp 4
        // canonicalizes without java.net.IDN, whose first use loads ICU's StringPrep tables on the
        // start-up path (IPv4 literals and names both go through IDN.toASCII).
        return UNIX_SOCKET_BASE_URL;
    }

    static String target(IncusConfig config) {
        return config.endpoint() instanceof IncusConfig.Endpoint.Https https ? https.target() : null;
    }

    private static SocketFactory unixSockets(Path socket) {
        try {
            return new AFSocketFactory.FixedAddressSocketFactory(AFUNIXSocketAddress.of(socket));
        } catch (java.net.SocketException e) {
            throw new IncusException(0, "invalid socket path " + socket + ": " + e.getMessage(), "connect");
        }
    }

    private static SSLContext sslContext(IncusConfig.Endpoint.Https https, X509TrustManager trust) {
        try {
            X509Certificate cert;
            try (InputStream in = Files.newInputStream(https.clientCertificate())) {
                cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            PrivateKey key = readKey(https.clientKey(), cert.getPublicKey().getAlgorithm());
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", key, new char[0], new java.security.cert.Certificate[] {cert});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, new char[0]);
            SSLContext ctx = SSLContext.getInstance("TLSv1.3");
            ctx.init(kmf.getKeyManagers(), new javax.net.ssl.TrustManager[] {trust}, null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IncusException(0, "cannot use the client certificate " + https.clientCertificate()
                    + " / key " + https.clientKey() + ": " + e.getMessage(), "connect " + https.url(), e);
        }
    }

    /** PKCS#8 PEM ("BEGIN PRIVATE KEY"); convert SEC1 EC keys with {@code openssl pkcs8 -topk8 -nocrypt}. */
    private static PrivateKey readKey(Path file, String algorithm) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file);
        if (!pem.contains("BEGIN PRIVATE KEY")) {
            throw new GeneralSecurityException(file + " is not a PKCS#8 key; convert it with "
                    + "'openssl pkcs8 -topk8 -nocrypt -in " + file + "'");
        }
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    /** Trusts exactly one server certificate, identified by its SHA-256 fingerprint. */
    static final class PinnedTrust implements X509TrustManager {
        private final String fingerprint;

        PinnedTrust(String fingerprint) {
            this.fingerprint = fingerprint == null ? "" : fingerprint.replace(":", "").toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the server sent no certificate");
            }
            String seen = fingerprint(chain[0]);
            if (!seen.equals(fingerprint)) {
                throw new CertificateException("server certificate fingerprint " + seen
                        + " does not match the pinned " + fingerprint);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }

        static String fingerprint(X509Certificate cert) throws CertificateException {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new CertificateException(e);
            }
        }
    }

}
