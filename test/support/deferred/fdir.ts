import { deferred } from "./module";
export = deferred("fdir");
