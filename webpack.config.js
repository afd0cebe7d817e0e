// Builds the web client (src/index.tsx) into dist/, or serves it on :8080 for development.
// `--env e2e` (the end-to-end tests' server): production React and code paths, but no minifier
// and no source maps, so that it compiles about as fast as a development build.
import path from "node:path";
import HtmlWebpackPlugin from "html-webpack-plugin";
import MiniCssExtractPlugin from "mini-css-extract-plugin";
import CopyWebpackPlugin from "copy-webpack-plugin";

const root = import.meta.dirname;
const DEV_PORT = 8080;

export default (env, argv) => {
    const e2e = Boolean(env?.e2e);
    const production = e2e || argv.mode === "production";
    return {
        mode: production ? "production" : "development",
        optimization: e2e ? { minimize: false } : undefined,
        entry: { bundle: "./src/index.tsx" },
        output: {
            path: path.join(root, "dist"),
            filename: production ? "[name].[contenthash].js" : "[name].js",
            chunkFilename: production ? "[name].[contenthash].js" : "[name].js",
            assetModuleFilename: "assets/[name].[contenthash][ext]",
            // Relative URLs so the bundle works from any directory of a static server.
            publicPath: "auto",
            clean: true,
        },
        devtool: e2e ? false : production ? "source-map" : "eval-cheap-module-source-map",
        resolve: {
            extensions: [".tsx", ".ts", ".js", ".mjs", ".json"],
            // Source files import each other with explicit .ts/.tsx extensions.
            extensionAlias: { ".js": [".js", ".ts", ".tsx"] },
        },
        module: {
            rules: [
                {
                    test: /\.[cm]?[jt]sx?$/,
                    include: path.join(root, "src"),
                    use: { loader: "babel-loader", options: { cacheDirectory: true } },
                },
                {
                    test: /\.css$/,
                    // Compound's packages declare sideEffects: false; without this their CSS is dropped.
                    sideEffects: true,
                    use: [production ? MiniCssExtractPlugin.loader : "style-loader", "css-loader"],
                },
                {
                    test: /\.(woff2?|ttf|eot|svg|png|jpe?g|gif|ico)$/,
                    type: "asset/resource",
                },
            ],
        },
        plugins: [
            new HtmlWebpackPlugin({ template: "./res/index.html", favicon: "./res/favicon.svg" }),
            new CopyWebpackPlugin({ patterns: [{ from: "config.json", to: "config.json" }] }),
            ...(production ? [new MiniCssExtractPlugin({ filename: "[name].[contenthash].css" })] : []),
        ],
        performance: { hints: false },
        devServer: {
            port: DEV_PORT,
            host: "localhost",
            hot: false,
            client: { overlay: { warnings: false, errors: true } },
            static: false,
            onListening: (devServer) => {
                const address = devServer.server?.address();
                const port = typeof address === "object" && address ? address.port : DEV_PORT;
                console.log(`\n  Web client ready: open http://localhost:${port}\n`);
            },
        },
    };
};
