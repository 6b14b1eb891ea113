#!/usr/bin/env bash
# Submits the three steps of a sharded reproduction with Slurm dependencies: train once -> N sweep shards (job array, one GPU
# each) -> merge + report. Settings come from the environment (see common.sh), e.g.
#   NLCE_SHARDS=8 NLCE_OUT=/shared/nlce deploy/slurm/submit.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export NLCE_DEPLOY_DIR="$here"
source "$here/common.sh"
mkdir -p "$NLCE_OUT"
train=$(sbatch --parsable "$here/train.sbatch")
sweep=$(sbatch --parsable --dependency="afterok:$train" --array="0-$((NLCE_SHARDS - 1))" "$here/reproduce-array.sbatch")
merge=$(sbatch --parsable --dependency="afterok:$sweep" "$here/merge-report.sbatch")
echo "submitted: train $train, sweep array $sweep (0-$((NLCE_SHARDS - 1))), merge+report $merge; output in $NLCE_RUN_DIR"
