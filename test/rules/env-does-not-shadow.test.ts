import { envDoesNotShadow } from '../../src/rules/env-does-not-shadow';
import { describeRule } from '../helpers/rule-cases';

describeRule(envDoesNotShadow, {
  valid: [
    { name: 'ordinary variables', mutate: (t) => { t.services[0].env = { LOG_LEVEL: 'info' }; } },
    { name: "a _URL variable of a service it does not call", mutate: (t) => { t.services[1].env = { CLIENT_SERVICE_URL: 'x' }; } },
  ],
  invalid: [
    { name: 'PORT', mutate: (t) => { t.services[0].env = { PORT: '9000' }; }, path: 'services[0].env.PORT', message: /set by Cloud Run/ },
    { name: 'K_SERVICE', mutate: (t) => { t.services[1].env = { K_SERVICE: 'x' }; }, path: 'services[1].env.K_SERVICE' },
    { name: 'the injected URL variable', mutate: (t) => { t.services[0].env = { SERVER_SERVICE_URL: 'http://elsewhere' }; }, path: 'services[0].env.SERVER_SERVICE_URL' },
  ],
});
