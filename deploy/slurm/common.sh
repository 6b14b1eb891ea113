# Settings shared by the Slurm scripts of a sharded `nlce reproduce`; sourced, not run. Override any of them in the
# environment of `submit.sh` (sbatch passes the environment on to every job).
: "${NLCE:=dotnet $HOME/nlce-gpu/Nlce.Cli.dll}"   # how to run the CLI on a node (a 'host' or 'cuda' publish, see README)
: "${NLCE_FIGURE:=fig4}"                          # fig4 (lungs) or fig5 (skin)
: "${NLCE_PROFILE:=paper}"                        # smoke, quick or paper
: "${NLCE_DATASET:=phantom-lung}"                 # any --dataset spec the nodes can read
: "${NLCE_OUT:=$PWD/artifacts/reproduce}"         # shared folder: checkpoints, shard stores, merged store, charts
: "${NLCE_CACHE:=$NLCE_OUT/prepared}"             # shared prepared-dataset cache, filled by the train job
: "${NLCE_SEED:=0}"
: "${NLCE_DEVICE:=cuda}"                           # the GPU Slurm allocated (cuda = cuda:0 of CUDA_VISIBLE_DEVICES)
: "${NLCE_SHARDS:=8}"                             # N: one array index (one GPU) per shard
export NLCE NLCE_FIGURE NLCE_PROFILE NLCE_DATASET NLCE_OUT NLCE_CACHE NLCE_SEED NLCE_DEVICE NLCE_SHARDS

# The folder `nlce reproduce` writes into, and the common arguments of its stages.
NLCE_RUN_DIR="$NLCE_OUT/$NLCE_FIGURE-$NLCE_PROFILE"
nlce_reproduce() {
  # shellcheck disable=SC2086  # NLCE is a command line on purpose
  $NLCE reproduce "$NLCE_FIGURE" --profile "$NLCE_PROFILE" --dataset "$NLCE_DATASET" --out "$NLCE_OUT" \
    --cache "$NLCE_CACHE" --seed "$NLCE_SEED" --device "$NLCE_DEVICE" "$@"
}
