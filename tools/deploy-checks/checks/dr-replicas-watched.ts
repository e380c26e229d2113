import { unwatchedCrossRegionReplicas } from "../../invariants/replicas";
import { DeployCheck } from "../types";

const NAME = "dr-replicas-watched";

/**
 * The recovery point objective rests on the cross-region replicas: each has a ReplicaLag alarm in
 * its own region that notifies, or a lagging replica is found only at failover.
 */
export const drReplicasWatched: DeployCheck = {
  name: NAME,
  description: "every cross-region read replica has a ReplicaLag alarm in its own region that notifies (the stack's RPO rests on it)",
  run({ plan }) {
    return unwatchedCrossRegionReplicas(plan).map((f) => ({
      check: NAME,
      resource: f.resource,
      atDeploy: `the deploy succeeds, but nobody hears of replica lag beyond the RPO until a failover loses the data (${f.problem})`,
      fix: "give the replica a ReplicaLag alarm on its own identifier with alarm actions (components/database, regions[].alarms)",
    }));
  },
};
