import { Construct, IValidation } from 'constructs';
import { nameProblem, NameKind } from '../names';

/** Construct-level validation of a GCP name, for constructs used directly from TypeScript. */
export function validateName(scope: Construct, kind: NameKind, name: string, field = 'name'): void {
  const validation: IValidation = {
    validate: () => {
      const problem = nameProblem(kind, name);
      return problem ? [`${field}: ${problem}`] : [];
    },
  };
  scope.node.addValidation(validation);
}
