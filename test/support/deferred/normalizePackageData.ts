import { deferred } from "./module";
export = deferred("normalize-package-data");
