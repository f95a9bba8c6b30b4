import { deferred } from "./module";
export = deferred("@npmcli/arborist");
