import { deferred } from "./module";
export = deferred("typescript");
